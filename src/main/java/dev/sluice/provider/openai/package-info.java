/**
 * The {@code openai} adapter: any OpenAI-compatible {@code /chat/completions} stream (OpenAI,
 * Azure OpenAI, vLLM, llama.cpp, Ollama's {@code /v1}, LM Studio, Mistral, Groq, …).
 */
package dev.sluice.provider.openai;
