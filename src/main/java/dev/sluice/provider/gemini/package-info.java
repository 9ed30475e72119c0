/** The {@code gemini} adapter: {@code models/{model}:streamGenerateContent?alt=sse}, thought parts on the reasoning channel. */
package dev.sluice.provider.gemini;
