/**
 * Sessions: the session document and its store SPI, history and the context budget, and the
 * collaborator that runs generations in a session. Depends on {@code stream}, {@code policy},
 * {@code audit} and {@code provider} contract types; knows no HTTP routes or JSON shapes of a transport.
 */
package dev.sluice.session;
