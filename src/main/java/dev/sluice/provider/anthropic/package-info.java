/** The {@code anthropic} adapter: the Messages API event stream, thinking deltas on the reasoning channel. */
package dev.sluice.provider.anthropic;
