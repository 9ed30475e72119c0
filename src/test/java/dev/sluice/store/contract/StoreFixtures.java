package dev.sluice.store.contract;

import dev.sluice.stream.journal.JournalConfig;
import java.time.Duration;

/** The bounds every store under contract is built with. */
public final class StoreFixtures {

    public static final int MAX_EVENTS = 50;
    public static final int MAX_LAG = 5;

    private StoreFixtures() {}

    public static JournalConfig journalConfig() {
        return new JournalConfig() {
            public int maxEvents() { return MAX_EVENTS; }
            public long maxBytes() { return 1 << 20; }
            public long globalMaxBytes() { return 1 << 26; }
            public int maxLag() { return MAX_LAG; }
            public Duration resumeWindow() { return Duration.ofMinutes(1); }
        };
    }
}
