package dev.sluice.store.redis;

import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** Reads Redis Stream replies in either protocol (RESP2 arrays or RESP3 maps). */
final class RedisReplies {

    /** One entry of a Redis Stream: its id and the value of its single field. */
    record Entry(String id, String value) {}

    private RedisReplies() {}

    /** Entries of an {@code XRANGE}/{@code XREVRANGE} reply. */
    static List<Entry> range(Response reply) {
        List<Entry> entries = new ArrayList<>();
        if (reply == null) {
            return entries;
        }
        for (int i = 0; i < reply.size(); i++) {
            Response entry = reply.get(i);
            entries.add(new Entry(entry.get(0).toString(), firstValue(entry.get(1))));
        }
        return entries;
    }

    /** Entries of the one stream of an {@code XREAD} reply; empty when it timed out. */
    static List<Entry> read(Response reply, String key) {
        if (reply == null || reply.size() == 0) {
            return List.of();
        }
        Response stream = null;
        try {
            stream = reply.get(key);
        } catch (RuntimeException notAMap) {
            // RESP2: [[key, entries]]
        }
        if (stream == null) {
            stream = reply.get(0).get(1);
        }
        return range(stream);
    }

    private static String firstValue(Response fields) {
        try {
            return fields.get(1).toString();
        } catch (RuntimeException map) {
            return fields.get(fields.getKeys().iterator().next()).toString();
        }
    }
}
