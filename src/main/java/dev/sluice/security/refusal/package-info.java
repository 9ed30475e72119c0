/**
 * How security says no: {@link dev.sluice.security.refusal.RefusedException} and the
 * {@link dev.sluice.security.refusal.Refusal} it carries. Thrown by {@code dev.sluice.security}
 * and {@code dev.sluice.security.ratelimit} alike (so it sits below both) and mapped to each API's
 * error by {@code dev.sluice.api.http}. Imports no other Sluice package.
 */
package dev.sluice.security.refusal;
