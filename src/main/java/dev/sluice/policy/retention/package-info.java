/**
 * Retention policies: how much of a session's conversations the store may keep, and for how long.
 * Depends on nothing else in Sluice.
 */
package dev.sluice.policy.retention;
