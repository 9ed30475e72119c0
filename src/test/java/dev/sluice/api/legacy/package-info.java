/**
 * Tests of the legacy and auxiliary OpenAI endpoints ({@code /v1/completions}, {@code /v1/embeddings}) and of
 * model names routed by providers' patterns, through the public HTTP surface against a replaying upstream.
 */
package dev.sluice.api.legacy;
