/**
 * The vocabulary every layer shares (DESIGN §2, §5): the chunks a provider emits ({@link
 * dev.sluice.model.Delta}), the events a stream journals ({@link dev.sluice.model.StreamEvent}),
 * their channels, finish reasons and error codes, and the base of every failure that ends a
 * generation ({@link dev.sluice.model.GenerationFailure}). It imports no other Sluice package, so
 * the stream, the providers, the policies and the APIs can all depend on it without depending on
 * each other.
 */
package dev.sluice.model;
