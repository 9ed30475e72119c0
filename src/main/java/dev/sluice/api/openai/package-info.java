/**
 * The OpenAI-compatible transport: /v1/chat/completions (chunks, [DONE], OpenAI errors) and /v1/models. Calls StreamService only.
 */
package dev.sluice.api.openai;
