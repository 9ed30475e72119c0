package dev.sluice.store.redis;

/** Names of Sluice's Redis keys and channels, all under one prefix. */
public record RedisKeys(String prefix) {

    /** The Redis Stream holding a stream's journal. */
    String journal(String streamId) {
        return prefix + "journal:" + streamId;
    }

    /** The owning tenant of a stream. */
    String owner(String streamId) {
        return prefix + "owner:" + streamId;
    }

    /** Present while some replica other than the producer has subscribers on the stream. */
    String readers(String streamId) {
        return prefix + "readers:" + streamId;
    }

    /** The id of the replica producing a stream, with the journal's lifetime. */
    String producer(String streamId) {
        return prefix + "producer:" + streamId;
    }

    /** Present while the replica of that id is alive (its heartbeat). */
    String replica(String replicaId) {
        return prefix + "replica:" + replicaId;
    }

    /** Pub/sub channel for cancel requests. */
    String cancelChannel() {
        return prefix + "cancel";
    }

    /** A key's rate-limit window (hash: requests, tokens). */
    String rateWindow(String keyId) {
        return prefix + "rl:" + keyId + ":window";
    }

    /** A key's streams in flight. */
    String rateConcurrent(String keyId) {
        return prefix + "rl:" + keyId + ":concurrent";
    }

    /** A session document (JSON), expiring with the session. */
    String session(String sessionId) {
        return prefix + "session:" + sessionId;
    }

    /** Sorted set of session ids by expiry (epoch ms), for the active-sessions count. */
    String sessionIndex() {
        return prefix + "sessions";
    }

    /** A session's audit records (a list of JSON records), expiring with its last record. */
    String audit(String sessionId) {
        return prefix + "audit:" + sessionId;
    }

    /** The Redis Stream entry id of a journal seq: {@code 0-(seq+1)}, so ids and seqs order alike. */
    static String entryId(long seq) {
        return "0-" + (seq + 1);
    }

    /** The seq of a Redis Stream entry id written by {@link #entryId}. */
    static long seqOf(String entryId) {
        return Long.parseLong(entryId.substring(entryId.indexOf('-') + 1)) - 1;
    }
}
