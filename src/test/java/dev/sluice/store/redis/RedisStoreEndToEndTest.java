package dev.sluice.store.redis;

import dev.sluice.testing.NeedsRedisServer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.provider.ProviderRegistry;
import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamIds;
import dev.sluice.testing.SimulatorOracle;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import dev.sluice.testing.Streams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import dev.sluice.stream.journal.JournalConfig;
import org.junit.jupiter.api.Test;

/**
 * Sluice on the Redis store, end to end over HTTP and SSE: streams are mirrored into Redis
 * Streams, resumable after every seq, and a stream produced by another replica (a second store
 * built by hand on the same Redis, as another Sluice process would) is readable, inspectable and
 * cancellable through this one.
 */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisStoreEndToEndTest {

    private static final RedisKeys APP_KEYS = new RedisKeys("sluice:");

    @TestHTTPResource("/")
    URI base;

    @Inject
    ProviderRegistry registry;

    @Inject
    Redis redis;

    private static Vertx vertx;
    private static RedisReplica peer;

    @Inject
    JournalConfig bounds;

    @BeforeEach
    void peer() {
        if (peer == null) {
            vertx = Vertx.vertx();
            peer = new RedisReplica(vertx, RedisStoreProfile.server.url(), Duration.ofMinutes(1), APP_KEYS, bounds);
        }
    }

    @AfterAll
    static void closePeer() {
        if (peer != null) {
            peer.close();
            vertx.closeAndAwait();
            peer = null;
        }
    }

    @Test
    void aStreamOverSseIsDeliveredExactlyAndMirroredIntoARedisStream() {
        Map<String, Object> options = Map.of("gap_ms", 0L, "ttft_ms", 0L, "tokens", 40L, "seed", 11L);
        List<String> expected = SimulatorOracle.tokens(registry, "sluice-sim", "go", options);
        List<SseEvent> events = SseClient.readAll(SseClient.postJson(base.resolve("/v1/streams"), """
                {"model":"sluice-sim","prompt":"go","simulator":{"gap_ms":0,"ttft_ms":0,"tokens":40,"seed":11}}"""));
        assertEquals(LongStream.range(0, events.size()).mapToObj(Long::toString).toList(),
                events.stream().map(SseEvent::id).toList());
        assertEquals(expected, events.stream().filter(e -> e.event().equals("delta"))
                .map(e -> e.json().path("text").asText()).toList());
        assertEquals("done", events.get(events.size() - 1).event());
        String id = events.get(0).json().path("streamId").asText();
        String key = APP_KEYS.journal(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> xlen(key) == events.size());
        // What another replica reads from Redis is exactly what this one delivered.
        List<StreamEvent> stored = peer.journal.events(id).await().atMost(Duration.ofSeconds(10)).orElseThrow();
        assertEquals(events.size(), stored.size());
        assertEquals(String.join("", expected), stored.stream().filter(e -> e instanceof StreamEvent.Text)
                .map(e -> ((StreamEvent.Text) e).text()).reduce("", String::concat));
        long ttl = redis.send(Request.cmd(Command.PTTL).arg(key)).await().atMost(Duration.ofSeconds(5)).toLong();
        assertTrue(ttl > 0 && ttl <= Duration.ofMinutes(5).toMillis(), "the resume window bounds it: " + ttl);
    }

    @Test
    void resumingAfterEverySeqYieldsExactlyTheRest() {
        String id = Streams.start(base, """
                {"model":"sluice-sim","prompt":"x","background":true,
                 "simulator":{"gap_ms":0,"ttft_ms":0,"tokens":15,"seed":3}}""");
        Streams.awaitEnd(base, id);
        URI uri = base.resolve("/v1/streams/" + id + "/events");
        List<SseEvent> all = SseClient.get(uri, Map.of());
        for (int k = 0; k < all.size(); k++) {
            assertEquals(all.subList(k + 1, all.size()), SseClient.get(uri, Map.of("Last-Event-ID", String.valueOf(k))),
                    "Last-Event-ID " + k);
        }
    }

    @Test
    void aStreamProducedOnAnotherReplicaIsFollowedLiveResumedAndInspectedHere() throws Exception {
        String id = StreamIds.newStreamId();
        peer.registry.register(id, "").await().atMost(Duration.ofSeconds(10));
        peer.journal.open(id);
        List<StreamEvent> written = new ArrayList<>();
        written.add(new StreamEvent.Start(id, 0, 0, "sluice-sim", "simulator", null, 1));
        for (int i = 1; i <= 5; i++) {
            written.add(new StreamEvent.Text(id, i, i, Channel.CONTENT, "t" + i + " ", 0));
        }
        written.forEach(peer.journal::append);
        URI uri = base.resolve("/v1/streams/" + id + "/events");
        List<SseEvent> live = new CopyOnWriteArrayList<>();
        CompletableFuture<List<SseEvent>> following = CompletableFuture.supplyAsync(() -> SseClient.get(uri, Map.of()));
        List<SseEvent> firstThree = SseClient.get(uri, Map.of(), 3);
        assertEquals(List.of("0", "1", "2"), firstThree.stream().map(SseEvent::id).toList());
        assertEquals("running", Streams.status(base, id).getString("status"));
        for (int i = 6; i <= 8; i++) {
            StreamEvent next = new StreamEvent.Text(id, i, i, Channel.CONTENT, "t" + i + " ", 0);
            written.add(next);
            peer.journal.append(next);
        }
        peer.journal.appendTerminal(id, seq -> new StreamEvent.Done(id, seq, 9, FinishReason.STOP))
                .await().atMost(Duration.ofSeconds(5));
        live.addAll(following.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(LongStream.rangeClosed(0, 9).mapToObj(Long::toString).toList(),
                live.stream().map(SseEvent::id).toList());
        assertEquals("done", live.get(9).event());
        List<SseEvent> resumed = SseClient.get(uri, Map.of("Last-Event-ID", "2"));
        assertEquals(live.subList(3, 10), resumed, "resumed from another replica: exactly the rest");
        JsonPath status = Streams.status(base, id);
        assertEquals("completed", status.getString("status"));
        assertEquals("t1 t2 t3 t4 t5 t6 t7 t8 ", status.getString("text"));
    }

    @Test
    void aDeleteSentHereCancelsTheGenerationOnTheReplicaRunningIt() {
        List<String> cancels = new CopyOnWriteArrayList<>();
        String id = StreamIds.newStreamId();
        peer.registry.onCancelRequested(requested -> {
            cancels.add(requested);
            if (requested.equals(id)) {
                peer.journal.appendTerminal(id, seq -> new StreamEvent.Done(id, seq, 2, FinishReason.CANCELLED))
                        .subscribe().with(ok -> { });
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(peer.registry::subscribed);
        peer.registry.register(id, "").await().atMost(Duration.ofSeconds(10));
        peer.journal.open(id);
        peer.journal.append(new StreamEvent.Start(id, 0, 0, "sluice-sim", "simulator", null, 1));
        JsonPath cancelled = given().delete(base.resolve("/v1/streams/" + id)).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("cancelled", cancelled.getString("status"));
        assertEquals(List.of(id), cancels.stream().filter(id::equals).toList());
    }

    @Test
    void subscribersOnAnotherReplicaKeepAStreamWithNoLocalSubscriberRunningPastTheGracePeriod() throws Exception {
        // Not in the background: while its only local subscriber reads, the other replica joins;
        // once the local one has left, only the other replica's subscriber (through the "read
        // elsewhere" mark) keeps it running past the 300 ms grace period.
        HttpResponse<InputStream> local = HttpClient.newHttpClient().send(SseClient.postJson(base.resolve("/v1/streams"),
                """
                {"model":"sluice-sim","prompt":"far away",
                 "simulator":{"gap_ms":20,"jitter_ms":0,"ttft_ms":0,"tokens":100,"seed":9}}"""),
                HttpResponse.BodyHandlers.ofInputStream());
        String id = local.headers().firstValue("X-Sluice-Stream-Id").orElseThrow();
        AssertSubscriber<StreamEvent> remote = peer.journal.read(id, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        remote.awaitItems(2, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.send(Request.cmd(Command.EXISTS)
                .arg(APP_KEYS.readers(id))).await().atMost(Duration.ofSeconds(5)).toLong() == 1);
        local.body().close();
        remote.awaitCompletion(Duration.ofSeconds(30));
        StreamEvent last = remote.getItems().get(remote.getItems().size() - 1);
        assertEquals(FinishReason.STOP, ((StreamEvent.Done) last).finishReason());
        assertEquals(100, remote.getItems().stream().filter(e -> e instanceof StreamEvent.Text).count());
    }

    @Test
    void aWebSocketResumesAStreamProducedOnAnotherReplica() {
        String id = StreamIds.newStreamId();
        peer.registry.register(id, "").await().atMost(Duration.ofSeconds(10));
        peer.journal.open(id);
        peer.journal.append(new StreamEvent.Start(id, 0, 0, "sluice-sim", "simulator", null, 1));
        for (int i = 1; i <= 4; i++) {
            peer.journal.append(new StreamEvent.Text(id, i, i, Channel.CONTENT, "w" + i, 0));
        }
        peer.journal.appendTerminal(id, seq -> new StreamEvent.Done(id, seq, 5, FinishReason.STOP))
                .await().atMost(Duration.ofSeconds(5));
        try (dev.sluice.testing.WsClient ws = new dev.sluice.testing.WsClient(base)) {
            ws.send("{\"type\":\"resume\",\"streamId\":\"" + id + "\",\"after\":1}");
            List<com.fasterxml.jackson.databind.JsonNode> rest = ws.until(f -> f.path("type").asText().equals("done"));
            assertEquals(List.of(2L, 3L, 4L, 5L), rest.stream().map(f -> f.path("seq").asLong()).toList());
            assertEquals(List.of("w2", "w3", "w4"), rest.stream().filter(f -> f.path("type").asText().equals("delta"))
                    .map(f -> f.path("text").asText()).toList());
        }
    }

    @Test
    void anotherTenantsOrAnUnknownStreamIsNotFoundHere() {
        String id = StreamIds.newStreamId();
        given().get(base.resolve("/v1/streams/" + id)).then().statusCode(404);
        given().get(base.resolve("/v1/streams/" + id + "/events")).then().statusCode(404);
        given().delete(base.resolve("/v1/streams/" + id)).then().statusCode(404);
        peer.registry.register(id, "someone-else").await().atMost(Duration.ofSeconds(10));
        peer.journal.open(id);
        peer.journal.append(new StreamEvent.Start(id, 0, 0, "sluice-sim", "simulator", null, 1));
        given().get(base.resolve("/v1/streams/" + id)).then().statusCode(404)
                .body("error.code", org.hamcrest.Matchers.equalTo("stream_not_found"));
        given().get(base.resolve("/v1/streams/" + id + "/events")).then().statusCode(404);
    }

    @Test
    void readinessReportsTheRedisStore() {
        given().get(base.resolve("/q/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'sluice-store' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'sluice-store' }.data.store", org.hamcrest.Matchers.equalTo("redis"));
    }

    private long xlen(String key) {
        return redis.send(Request.cmd(Command.XLEN).arg(key)).await().atMost(Duration.ofSeconds(5)).toLong();
    }
}
