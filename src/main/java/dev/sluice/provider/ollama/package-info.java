/** The {@code ollama} adapter: Ollama's native NDJSON {@code /api/chat} (for its {@code /v1}, use the openai type). */
package dev.sluice.provider.ollama;
