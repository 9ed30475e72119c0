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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without a catch-all provider, names that no alias and no pattern accept are 404 model_not_found;
 * a key's model list applies to the names clients send, patterns included ({@code oai/*}).
 */
@QuarkusTest
@TestProfile(KeyedRoutedProfile.class)
class KeyedModelNamesTest {

    private static Response chat(Map<String, String> auth, String model) {
        return given().headers(auth).contentType("application/json")
                .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/chat/completions");
    }

    @Test
    void aNameNoAliasOrPatternAcceptsIsModelNotFound() {
        for (String model : new String[] {"gpt-3.5-turbo", "oai/gpt-3.5-turbo", "nobody/gpt-4o", "oai/"}) {
            Response response = chat(KeyedRoutedProfile.bearer(KeyedRoutedProfile.ALL), model);
            assertEquals(404, response.statusCode(), model);
            assertEquals("model_not_found", response.jsonPath().getString("error.code"), model);
        }
    }

    @Test
    void aKeyPatternAdmitsThePrefixedNameAndNotTheBareOne() {
        ReplayServer upstream = RoutedUpstreamResource.server;
        int before = upstream.received().size();
        upstream.enqueue(Reply.stream("text/event-stream", Reply.fixture("openai/text-utf8.sse"), 4));
        Response prefixed = chat(KeyedRoutedProfile.bearer(KeyedRoutedProfile.PREFIXED), "oai/gpt-4o");
        assertEquals(200, prefixed.statusCode(), prefixed.asString());
        assertEquals("gpt-4o", upstream.received().get(before).body().getString("model"));

        Response bare = chat(KeyedRoutedProfile.bearer(KeyedRoutedProfile.PREFIXED), "gpt-4o");
        assertEquals(404, bare.statusCode());
        assertEquals("model_not_found", bare.jsonPath().getString("error.code"));
        assertEquals(before + 1, upstream.received().size());
    }

    @Test
    void modelsShowsOnlyWhatTheKeyMayUse() throws Exception {
        JsonNode models = new ObjectMapper().readTree(given().headers(KeyedRoutedProfile.bearer(
                KeyedRoutedProfile.PREFIXED)).get("/v1/models").then().statusCode(200).extract().asString());
        assertEquals(new ObjectMapper().readTree("""
                {"object":"list","data":[{"id":"sluice-echo","object":"model","created":0,"owned_by":"simulator"},
                 {"id":"oai/text-embedding-3-small","object":"model","created":0,"owned_by":"oai"}],
                 "sluice":{"patterns":[{"provider":"oai","pattern":"gpt-4o*","prefixed":"oai/gpt-4o*"}]}}"""), models);
    }
}
