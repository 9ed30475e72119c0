package dev.sluice.stream;

/** What a transport learns when a generation starts. */
public record StartedStream(String id, String model, String provider, long startNanos, long created) {}
