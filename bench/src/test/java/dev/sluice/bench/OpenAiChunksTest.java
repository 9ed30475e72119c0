package dev.sluice.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mock's bytes are OpenAI's: field order, nulls, the usage chunk, [DONE]. */
class OpenAiChunksTest {

    private static final String BASE = "{\"id\":\"chatcmpl-abc\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock0000\"";
    private final OpenAiChunks withUsage = new OpenAiChunks("chatcmpl-abc", 1_700_000_000L, "gpt-4o-mini", true);
    private final OpenAiChunks withoutUsage = new OpenAiChunks("chatcmpl-abc", 1_700_000_000L, "gpt-4o-mini", false);

    @Test
    void theExactBytesOfEachChunkWithUsage() {
        assertEquals("data: " + BASE + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n", withUsage.roleChunk());
        assertEquals("data: " + BASE + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" Hello\"},"
                + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n", withUsage.contentChunk(" Hello"));
        assertEquals("data: " + BASE + ",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":null}\n\n", withUsage.finishChunk("stop"));
        assertEquals("data: " + BASE + ",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":256,\"total_tokens\":265,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0,"
                + "\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}\n\n",
                withUsage.usageChunk(9, 256));
        assertEquals("data: [DONE]\n\n", OpenAiChunks.DONE);
    }

    @Test
    void withoutIncludeUsageThereIsNoUsageFieldAndNoUsageChunk() {
        assertEquals("data: " + BASE + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},"
                + "\"logprobs\":null,\"finish_reason\":null}]}\n\n", withoutUsage.contentChunk("x"));
        assertFalse(json(withoutUsage.finishChunk("stop")).containsKey("usage"));
        assertNull(withoutUsage.usageChunk(1, 1));
    }

    @Test
    void everyChunkParsesAsAChatCompletionChunk() {
        for (String chunk : List.of(withUsage.roleChunk(), withUsage.contentChunk("a\"b\\c\n\u00e9"), withUsage.finishChunk("length"))) {
            JsonObject o = json(chunk);
            assertEquals(List.of("id", "object", "created", "model", "service_tier", "system_fingerprint", "choices", "usage"),
                    List.copyOf(o.fieldNames()));
            assertEquals("chat.completion.chunk", o.getString("object"));
            assertEquals(1_700_000_000L, o.getLong("created"));
            JsonArray choices = o.getJsonArray("choices");
            assertEquals(1, choices.size());
            JsonObject choice = choices.getJsonObject(0);
            assertEquals(List.of("index", "delta", "logprobs", "finish_reason"), List.copyOf(choice.fieldNames()));
            assertEquals(0, choice.getInteger("index"));
            assertTrue(choice.containsKey("logprobs") && choice.getValue("logprobs") == null);
            assertTrue(o.containsKey("usage") && o.getValue("usage") == null);
        }
        assertEquals("a\"b\\c\n\u00e9", json(withUsage.contentChunk("a\"b\\c\n\u00e9")).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("delta").getString("content"));
        JsonObject finish = json(withUsage.finishChunk("length")).getJsonArray("choices").getJsonObject(0);
        assertEquals("length", finish.getString("finish_reason"));
        assertTrue(finish.getJsonObject("delta").isEmpty());
        JsonObject role = json(withUsage.roleChunk()).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
        assertEquals("assistant", role.getString("role"));
        assertEquals("", role.getString("content"));
        JsonObject usage = json(withUsage.usageChunk(3, 4));
        assertTrue(usage.getJsonArray("choices").isEmpty());
        assertEquals(7, usage.getJsonObject("usage").getInteger("total_tokens"));
    }

    @Test
    void theNonStreamingCompletionAndTheModelList() {
        JsonObject c = new JsonObject(withUsage.completion(" a b", 5, 2));
        assertEquals("chat.completion", c.getString("object"));
        JsonObject choice = c.getJsonArray("choices").getJsonObject(0);
        assertEquals("assistant", choice.getJsonObject("message").getString("role"));
        assertEquals(" a b", choice.getJsonObject("message").getString("content"));
        assertEquals("stop", choice.getString("finish_reason"));
        assertEquals(2, c.getJsonObject("usage").getInteger("completion_tokens"));
        JsonObject models = new JsonObject(OpenAiChunks.models("mock-model", 1L));
        assertEquals("list", models.getString("object"));
        assertEquals("mock-model", models.getJsonArray("data").getJsonObject(0).getString("id"));
        assertEquals("model", models.getJsonArray("data").getJsonObject(0).getString("object"));
    }

    private static JsonObject json(String chunk) {
        assertTrue(chunk.startsWith("data: ") && chunk.endsWith("\n\n"), chunk);
        return new JsonObject(chunk.substring("data: ".length(), chunk.length() - 2));
    }
}
