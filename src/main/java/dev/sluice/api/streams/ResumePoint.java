package dev.sluice.api.streams;

import dev.sluice.api.http.InvalidRequestException;

/** Where a subscriber resumes: {@code Last-Event-ID} header, else {@code ?after=}, else the start. */
final class ResumePoint {

    private ResumePoint() {}

    /** The last seq the client already has; -1 for "from the beginning". */
    static long parse(String lastEventId, String after) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            return parseSeq(lastEventId.trim(), "Last-Event-ID");
        }
        if (after != null) {
            return parseSeq(after.trim(), "after");
        }
        return -1;
    }

    private static long parseSeq(String value, String param) {
        try {
            long seq = Long.parseLong(value);
            if (seq >= -1) {
                return seq;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw InvalidRequestException.of(param, "invalid_value",
                "'" + param + "' must be the seq (an integer >= -1) of the last event you received.");
    }
}
