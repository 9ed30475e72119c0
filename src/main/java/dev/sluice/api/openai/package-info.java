/**
 * The OpenAI-compatible transport: /v1/chat/completions (chunks, [DONE], OpenAI errors), the legacy
 * /v1/completions (text_completion chunks), /v1/embeddings (a pass-through, not a stream) and
 * /v1/models. Calls GenerationPath, or for embeddings the registry and EmbeddingRouter, only.
 */
package dev.sluice.api.openai;
