package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.provider.ProviderRegistry;
import dev.sluice.testing.SimulatorOracle;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Redis killed (SIGKILL) in the middle of a running stream and started again on the same port:
 * new streams get the documented 503 {@code store_unavailable}, readiness goes DOWN, the running
 * stream's subscriber on this replica still gets every event, and once Redis is back readiness is
 * UP, new streams work and the stream that ran through the outage is in Redis in full, all
 * without restarting Sluice.
 */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    ProviderRegistry registry;

    @Inject
    Redis redis;

    @Test
    void aRedisOutageRefusesNewStreamsKeepsRunningOnesAndHealsWithoutRestart() throws Exception {
        Map<String, Object> options = Map.of("gap_ms", 20L, "jitter_ms", 0L, "ttft_ms", 0L, "tokens", 150L,
                "seed", 5L);
        List<String> expected = SimulatorOracle.tokens(registry, "sluice-sim", "outage", options);
        String id = Streams.start(base, """
                {"model":"sluice-sim","prompt":"outage","background":true,
                 "simulator":{"gap_ms":20,"jitter_ms":0,"ttft_ms":0,"tokens":150,"seed":5}}""");
        CompletableFuture<List<SseEvent>> reader = CompletableFuture.supplyAsync(
                () -> SseClient.get(base.resolve("/v1/streams/" + id + "/events"), Map.of()));
        await().atMost(WAIT).until(() -> Streams.status(base, id).getInt("events") >= 10);

        RedisStoreProfile.server.kill();

        await().atMost(WAIT).untilAsserted(() -> given().get(base.resolve("/q/health/ready")).then().statusCode(503)
                .body("checks.find { it.name == 'sluice-store' }.status", equalTo("DOWN")));
        given().contentType("application/json").body("""
                {"model":"sluice-sim","prompt":"refused"}""").post(base.resolve("/v1/streams"))
                .then().statusCode(503).header("Retry-After", "1")
                .body("error.code", equalTo("store_unavailable"))
                .body("error.type", equalTo("server_error"));
        given().contentType("application/json").body("""
                {"model":"sluice-sim","messages":[{"role":"user","content":"refused"}],"stream":true}""")
                .post(base.resolve("/v1/chat/completions"))
                .then().statusCode(503).body("error.code", equalTo("store_unavailable"));
        given().get(base.resolve("/v1/streams/" + id)).then().statusCode(200);

        List<SseEvent> events = reader.get(60, TimeUnit.SECONDS);
        assertEquals(LongStream.range(0, events.size()).mapToObj(Long::toString).toList(),
                events.stream().map(SseEvent::id).toList(), "gapless, nothing lost while Redis was away");
        assertEquals(expected, events.stream().filter(e -> e.event().equals("delta"))
                .map(e -> e.json().path("text").asText()).toList());
        assertEquals("stop", events.get(events.size() - 1).json().path("finishReason").asText());

        RedisStoreProfile.server.startAgain();

        await().atMost(WAIT).untilAsserted(() -> given().get(base.resolve("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'sluice-store' }.status", equalTo("UP")));
        List<SseEvent> after = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"sluice-sim","prompt":"back","simulator":{"gap_ms":0,"ttft_ms":0,"tokens":5,"seed":1}}"""));
        assertEquals("done", after.get(after.size() - 1).event());
        String key = new RedisKeys("sluice:").journal(id);
        await().atMost(WAIT).until(() -> redis.send(Request.cmd(Command.XLEN).arg(key))
                .await().atMost(Duration.ofSeconds(5)).toLong() == events.size());
    }
}
