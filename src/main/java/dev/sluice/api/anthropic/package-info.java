/**
 * The Anthropic Messages API as an ingress: {@code POST /v1/messages} (streamed as Anthropic's
 * event sequence or answered as one {@code message}) and {@code /v1/messages/count_tokens}, with
 * errors in Anthropic's shape; requests go to any provider through the shared generation path.
 * Transport only: no provider, journal or session logic of its own.
 */
package dev.sluice.api.anthropic;
