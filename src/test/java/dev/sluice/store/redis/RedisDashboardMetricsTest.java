package dev.sluice.store.redis;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.testing.DashboardQueries;
import dev.sluice.testing.NeedsRedisServer;
import dev.sluice.testing.PromQlMetricNames;
import dev.sluice.testing.SseClient;
import dev.sluice.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's Redis-store metrics (DashboardQueries.REDIS_STORE_ONLY, which the memory-store
 * check in DashboardMetricsTest lets pass) exist on a Redis-store Sluice that followed a stream
 * produced by another replica, and carry what it measured.
 */
@NeedsRedisServer
@QuarkusTest
@TestProfile(RedisStoreProfile.class)
class RedisDashboardMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Inject
    JournalConfig bounds;

    @Test
    void theRedisStoreMetricsTheDashboardReadsArePublishedOnceAStreamIsFollowed() throws Exception {
        double lagsBefore = lagCount(scrape());
        Vertx vertx = Vertx.vertx();
        try (RedisReplica peer = new RedisReplica(vertx, RedisStoreProfile.server.url(), Duration.ofMinutes(1),
                new RedisKeys("sluice:"), bounds)) {
            followAStreamProducedBy(peer);
        } finally {
            vertx.closeAndAwait();
        }
        String scrape = scrape();
        Set<String> queried = DashboardQueries.all().values().stream()
                .flatMap(query -> PromQlMetricNames.of(query).stream()).collect(Collectors.toSet());
        for (String name : DashboardQueries.REDIS_STORE_ONLY.keySet()) {
            assertTrue(queried.contains(name), name + " is listed as Redis-only but the dashboard does not query it");
            assertTrue(scrape.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " ")),
                    name + " is not in the Redis-store scrape");
        }
        // Four events came after this replica's follower had caught up with the start.
        assertEquals(4.0, lagCount(scrape) - lagsBefore);
    }

    private String scrape() {
        return given().get(base.resolve("/q/metrics")).then().statusCode(200).extract().asString();
    }

    /** The follower lag's count; the application (and its meters) is shared with the other Redis-store tests. */
    private static double lagCount(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("sluice_redis_follower_lag_seconds_count"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private void followAStreamProducedBy(RedisReplica peer) throws Exception {
        String id = StreamIds.newStreamId();
        long openedNanos = System.nanoTime();
        peer.registry.register(id, "").await().atMost(WAIT);
        peer.journal.open(id);
        peer.journal.append(new StreamEvent.Start(id, 0, 0, "sluice-sim", "simulator", null, 1));
        URI events = base.resolve("/v1/streams/" + id + "/events");
        CompletableFuture<List<SseEvent>> following = CompletableFuture.supplyAsync(() -> SseClient.get(events, Map.of()));
        // Once a client here has the start, this replica's follower holds everything there was.
        assertEquals(List.of("0"), SseClient.get(events, Map.of(), 1).stream().map(SseEvent::id).toList());
        for (int seq = 1; seq <= 3; seq++) {
            peer.journal.append(new StreamEvent.Text(id, seq, (System.nanoTime() - openedNanos) / 1e6,
                    Channel.CONTENT, "t" + seq, 0));
        }
        peer.journal.appendTerminal(id, s -> new StreamEvent.Done(id, s, (System.nanoTime() - openedNanos) / 1e6,
                FinishReason.STOP)).await().atMost(WAIT);
        assertEquals(5, following.get(WAIT.toSeconds(), TimeUnit.SECONDS).size());
    }
}
