/**
 * Sluice's own metrics (Micrometer). Labels are provider, model, transport and outcome only, never ids. Depends on nothing in api/.
 */
package dev.sluice.ops;
