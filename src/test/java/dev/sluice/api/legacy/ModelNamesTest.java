package dev.sluice.api.legacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.provider.http.ReplayServer;
import dev.sluice.provider.http.Reply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Model names a user already has reach the provider unchanged: {@code <provider>/<model>}, bare
 * names a provider's {@code models} patterns accept (the most specific pattern wins), aliases with
 * {@code /} and {@code :} in both configuration forms; a tie is a 400, and GET /v1/models says what
 * is routable without inventing model ids for wildcards.
 */
@QuarkusTest
@TestProfile(RoutedProfile.class)
class ModelNamesTest {

    private static final String TEXT = "Hello, wörld 🌍! 你好，世界 👩‍💻\nline two";

    private static ReplayServer upstream() {
        return RoutedUpstreamResource.server;
    }

    /** A non-streamed chat with this model name, answered by the replayed OpenAI stream: what the upstream got. */
    private static ReplayServer.Received chat(String model) {
        int before = upstream().received().size();
        upstream().enqueue(Reply.stream("text/event-stream", Reply.fixture("openai/text-utf8.sse"), before));
        Response response = given().contentType("application/json")
                .body("{\"model\":" + quote(model) + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(model, response.jsonPath().getString("model"), "the answer names the model as the client did");
        assertEquals(TEXT, response.jsonPath().getString("choices[0].message.content"));
        assertEquals(before + 1, upstream().received().size());
        return upstream().received().get(before);
    }

    private static String quote(String text) {
        return new ObjectMapper().getNodeFactory().textNode(text).toString();
    }

    @Test
    void aProviderPrefixSendsTheRestUnchanged() {
        ReplayServer.Received received = chat("vllm/meta-llama/Llama-3.1-8B-Instruct");
        assertEquals("/vllm/v1/chat/completions", received.uri());
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", received.body().getString("model"));
        assertEquals("Bearer sk-vllm", received.headers().get("Authorization"));
    }

    @Test
    void aBareNameGoesToTheMostSpecificPattern() {
        ReplayServer.Received received = chat("gpt-4o-mini");
        assertEquals("/oai/v1/chat/completions", received.uri(), "gpt-4o* beats *");
        assertEquals("gpt-4o-mini", received.body().getString("model"));
    }

    @Test
    void aBareNameWithASlashThatIsNoProviderGoesToTheCatchAll() {
        ReplayServer.Received received = chat("Qwen/Qwen2.5-7B-Instruct:q4");
        assertEquals("/vllm/v1/chat/completions", received.uri());
        assertEquals("Qwen/Qwen2.5-7B-Instruct:q4", received.body().getString("model"));
    }

    @Test
    void aPrefixWhosePatternsRefuseTheRestIsABareName() {
        ReplayServer.Received received = chat("oai/o3-mini");
        assertEquals("/vllm/v1/chat/completions", received.uri(), "oai accepts no o3-*; vllm's * takes the whole name");
        assertEquals("oai/o3-mini", received.body().getString("model"));
    }

    @Test
    void aListAliasWithSlashAndColonRoutesToItsUpstreamModel() {
        ReplayServer.Received received = chat("meta-llama/Llama-3.1-8B-Instruct:free");
        assertEquals("/vllm/v1/chat/completions", received.uri());
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", received.body().getString("model"));
    }

    @Test
    void aQuotedMapAliasWithSlashAndColonRoutesToItsUpstreamModel() {
        ReplayServer.Received received = chat("team/chat:latest");
        assertEquals("/oai/v1/chat/completions", received.uri());
        assertEquals("gpt-4o-mini", received.body().getString("model"));
    }

    @Test
    void aBareNameTwoProvidersAcceptEquallyIsA400NamingBoth() {
        int before = upstream().received().size();
        Response response = given().contentType("application/json")
                .body("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions");
        assertEquals(400, response.statusCode());
        assertEquals("model_ambiguous", response.jsonPath().getString("error.code"));
        assertEquals("model", response.jsonPath().getString("error.param"));
        assertEquals("The model 'claude-sonnet-4-5' could be served by the providers [claude, claude2]; name one "
                + "as a prefix, e.g. 'claude/claude-sonnet-4-5'.", response.jsonPath().getString("error.message"));
        assertEquals(before, upstream().received().size());
    }

    @Test
    void modelsListsAliasesExactNamesAndWildcardPatternsApart() throws Exception {
        JsonNode models = new ObjectMapper().readTree(given().get("/v1/models").then().statusCode(200)
                .extract().asString());
        List<String> ids = new java.util.ArrayList<>();
        List<String> owners = new java.util.ArrayList<>();
        models.get("data").forEach(m -> {
            ids.add(m.get("id").asText());
            owners.add(m.get("owned_by").asText());
        });
        assertEquals(List.of("claude-embed", "meta-llama/Llama-3.1-8B-Instruct:free", "sluice-echo", "sluice-sim",
                "team/chat:latest", "test-script", "text-embedding-3-small"), ids);
        assertEquals(List.of("claude", "vllm", "simulator", "simulator", "oai", "scripted", "oai"), owners);
        assertEquals(new ObjectMapper().readTree("""
                {"patterns":[{"provider":"claude","pattern":"claude-*","prefixed":"claude/claude-*"},
                             {"provider":"claude2","pattern":"claude-*","prefixed":"claude2/claude-*"},
                             {"provider":"oai","pattern":"gpt-4o*","prefixed":"oai/gpt-4o*"},
                             {"provider":"vllm","pattern":"*","prefixed":"vllm/*"}]}"""), models.get("sluice"));
    }
}
