/**
 * Operations: Sluice's own metrics (Micrometer; labels are provider, model, transport and outcome
 * only, never ids) and the graceful drain on SIGTERM with its readiness check. Depends on nothing in api/.
 */
package dev.sluice.ops;
