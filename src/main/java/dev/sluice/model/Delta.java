package dev.sluice.model;

import dev.sluice.provider.ToolCall;

/**
 * The one chunk type every provider's stream is converted into (DESIGN §5). Providers
 * emit text or raw bytes; the framer turns them into UTF-8-safe stream events. A provider
 * signals failure by failing its {@code Multi} with a {@link ProviderException}.
 */
public sealed interface Delta extends StreamPart {

    /** Decoded text; may still end in a lone high surrogate, which the framer holds back. */
    record Text(Channel channel, String text, int index) implements Delta {
        public static Text content(String text) { return new Text(Channel.CONTENT, text, 0); }
    }

    /** Raw bytes of a byte-level token; a UTF-8 code point may be split across several. */
    record Bytes(Channel channel, byte[] bytes, int index) implements Delta {
        public static Bytes content(byte[] bytes) { return new Bytes(Channel.CONTENT, bytes, 0); }
    }

    /**
     * A fragment of a tool call the model is making: the first fragment of call {@code index}
     * carries its {@code id} and function {@code name} (the arguments may still be empty), later
     * ones only the next piece of the arguments' JSON text, in order. Providers that receive a call
     * whole (Gemini, Ollama) emit it as one fragment.
     *
     * @param index the call's position among this turn's calls (0, 1, … for parallel calls)
     * @param id    the call's id on its first fragment, else null
     * @param name  the function's name on its first fragment, else null
     */
    record ToolCall(int index, String id, String name, String arguments) implements Delta {
        public ToolCall {
            arguments = arguments == null ? "" : arguments;
        }
    }

    /** Token usage as reported (or counted) by the upstream. */
    record Usage(int promptTokens, int completionTokens) implements Delta {}

    /** The upstream's reason for ending; the stream completes after it. */
    record Finish(FinishReason reason) implements Delta {}

    /** A source reference attached to the text that follows. */
    record Citation(String source) implements Delta {}

}
