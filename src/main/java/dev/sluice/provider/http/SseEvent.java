package dev.sluice.provider.http;

/**
 * One Server-Sent Event as dispatched by the parser.
 *
 * @param event the {@code event:} field, or {@code "message"} when absent
 * @param data  the {@code data:} lines joined with LF
 * @param id    the last {@code id:} field seen, or null
 */
public record SseEvent(String event, String data, String id) {}
