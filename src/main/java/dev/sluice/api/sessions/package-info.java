/**
 * The sessions API (transport only: decode, encode, errors); the work is done by {@code dev.sluice.session}.
 */
package dev.sluice.api.sessions;
