package dev.sluice.api.responses;

import dev.sluice.api.http.InvalidRequestException;

/**
 * Where a resumed response stream starts: after the {@code Last-Event-ID} header (what an
 * {@code EventSource} sends when it reconnects, the last id it saw), else after
 * {@code ?starting_after=}, else from the first event.
 */
final class StartingAfter {

    private StartingAfter() {}

    /** The last sequence number the client has; -1 for everything. */
    static long parse(String lastEventId, String startingAfter) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            return number(lastEventId.trim(), "Last-Event-ID");
        }
        if (startingAfter != null) {
            return number(startingAfter.trim(), "starting_after");
        }
        return -1;
    }

    private static long number(String value, String param) {
        try {
            long n = Long.parseLong(value);
            if (n >= -1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw InvalidRequestException.of(param, "invalid_value",
                "'" + param + "' must be the sequence_number (an integer >= -1) of the last event you received.");
    }
}
