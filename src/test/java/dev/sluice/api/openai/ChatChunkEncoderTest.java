package dev.sluice.api.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.Channel;
import dev.sluice.model.StreamEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written text chunk is byte for byte what Jackson writes for the same chunk tree. */
class ChatChunkEncoderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"true,CONTENT,content", "false,CONTENT,content", "true,REASONING,reasoning_content",
            "false,REASONING,reasoning_content"})
    void textChunksAreExactlyJacksonsJson(boolean includeUsage, Channel channel, String field) throws Exception {
        String text = "quote \" backslash \\ newline \n tab \t ctrl \u0001 emoji 👩‍💻 sep \u2028 é";
        ChatChunkEncoder encoder = new ChatChunkEncoder(MAPPER, "chatcmpl-\"x\"", "model/é:1", 1764000000L,
                includeUsage);
        StringBuilder out = new StringBuilder();
        encoder.encode(new StreamEvent.Text("str_1", 1, 0.5, channel, text, 0), out);
        encoder.encode(new StreamEvent.Text("str_1", 2, 0.6, channel, "second", 0), out);

        assertEquals("data: " + MAPPER.writeValueAsString(expected(includeUsage, field, text)) + "\n\n"
                + "data: " + MAPPER.writeValueAsString(expected(includeUsage, field, "second")) + "\n\n", out.toString());
    }

    private static ObjectNode expected(boolean includeUsage, String field, String text) {
        ObjectNode chunk = MAPPER.createObjectNode();
        chunk.put("id", "chatcmpl-\"x\"");
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1764000000L);
        chunk.put("model", "model/é:1");
        chunk.putNull("system_fingerprint");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put(field, text);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }
}
