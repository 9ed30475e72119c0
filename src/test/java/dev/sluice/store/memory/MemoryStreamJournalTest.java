package dev.sluice.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.ops.StreamMetrics;
import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.journal.JournalFullException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The journal's contract, driven by hand: demand, replay then live, bounds, slow readers. */
class MemoryStreamJournalTest {

    private final MemoryStreamJournal journal = new MemoryStreamJournal(config(100, 5), new StreamMetrics(new SimpleMeterRegistry()));

    @Test
    void readerGetsOnlyWhatItRequestsReplayThenLive() {
        journal.open("s");
        append(0, 3);
        AssertSubscriber<StreamEvent> reader = journal.read("s", -1).subscribe().withSubscriber(AssertSubscriber.create(2));
        assertEquals(2, reader.getItems().size());
        reader.request(5);
        assertEquals(3, reader.getItems().size());
        append(3, 2);
        assertEquals(5, reader.getItems().size());
        journal.appendTerminal("s", seq -> new StreamEvent.Done("s", seq, 0, FinishReason.STOP)).await().indefinitely();
        reader.assertCompleted();
        assertEquals(5, reader.getItems().get(5).seq());
    }

    @Test
    void resumeAfterTheTerminalCompletesAtOnce() {
        journal.open("s");
        append(0, 2);
        journal.appendTerminal("s", seq -> new StreamEvent.Done("s", seq, 0, FinishReason.STOP)).await().indefinitely();
        journal.read("s", 2).subscribe().withSubscriber(AssertSubscriber.create(10)).assertCompleted().assertHasNotReceivedAnyItem();
    }

    @Test
    void aReaderThatStopsRequestingIsCutOffWithSlowConsumer() {
        journal.open("s");
        AssertSubscriber<StreamEvent> stuck = journal.read("s", -1).subscribe().withSubscriber(AssertSubscriber.create(1));
        append(0, 10);
        stuck.request(1);
        stuck.assertCompleted();
        StreamEvent last = stuck.getItems().get(stuck.getItems().size() - 1);
        assertEquals(StreamEvent.UNSEQUENCED, last.seq());
        assertEquals(ErrorCode.SLOW_CONSUMER, ((StreamEvent.Error) last).code());
    }

    @Test
    void theEventBoundRejectsAppendsButLetsTheTerminalIn() {
        MemoryStreamJournal small = new MemoryStreamJournal(config(4, 100), new StreamMetrics(new SimpleMeterRegistry()));
        small.open("s");
        for (int i = 0; i < 3; i++) {
            small.append(text(i));
        }
        assertThrows(JournalFullException.class, () -> small.append(text(3)));
        small.appendTerminal("s", seq -> new StreamEvent.Done("s", seq, 0, FinishReason.LENGTH)).await().indefinitely();
        assertEquals(4, small.events("s").await().indefinitely().orElseThrow().size());
    }

    @Test
    void finishedStreamsAreFreedAfterTheResumeWindow() {
        MemoryStreamJournal noWindow = new MemoryStreamJournal(config(100, 100, Duration.ZERO, 1 << 24),
                new StreamMetrics(new SimpleMeterRegistry()));
        noWindow.open("s");
        noWindow.append(text(0));
        noWindow.evictExpired();
        assertEquals(1, noWindow.events("s").await().indefinitely().orElseThrow().size(), "running streams stay");
        noWindow.appendTerminal("s", seq -> new StreamEvent.Done("s", seq, 0, FinishReason.STOP)).await().indefinitely();
        noWindow.evictExpired();
        assertEquals(java.util.Optional.empty(), noWindow.events("s").await().indefinitely());
        assertEquals(0, noWindow.globalBytes());
    }

    @Test
    void theGlobalBudgetDropsTheStreamsThatFinishedFirstToAdmitNewOnes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MemoryStreamJournal journal = new MemoryStreamJournal(config(100, 100, Duration.ofMinutes(1), 300),
                new StreamMetrics(registry));
        for (String id : new String[] {"a", "b", "c"}) { // a delta of one char is 34 bytes, a done 96
            journal.open(id);
            journal.append(new StreamEvent.Text(id, 0, 0, Channel.CONTENT, "t", 0));
        }
        journal.appendTerminal("b", seq -> new StreamEvent.Done("b", seq, 0, FinishReason.STOP)).await().indefinitely();
        journal.appendTerminal("a", seq -> new StreamEvent.Done("a", seq, 0, FinishReason.STOP)).await().indefinitely();
        assertEquals(294, journal.globalBytes());
        journal.open("d");
        journal.append(new StreamEvent.Text("d", 0, 0, Channel.CONTENT, "t", 0)); // 328 > 300: b finished first, b goes
        assertEquals(java.util.Optional.empty(), journal.events("b").await().indefinitely());
        assertEquals(2, journal.events("a").await().indefinitely().orElseThrow().size());
        assertEquals(198, journal.globalBytes());
        for (int seq = 1; seq < 5; seq++) { // the fourth of these needs a's room too
            journal.append(new StreamEvent.Text("d", seq, seq, Channel.CONTENT, "t", 0));
        }
        assertEquals(java.util.Optional.empty(), journal.events("a").await().indefinitely());
        assertEquals(204, journal.globalBytes()); // c's delta and d's five: only running streams are left
        assertEquals(1, journal.events("c").await().indefinitely().orElseThrow().size(), "running streams stay");
        org.junit.jupiter.api.Assertions.assertThrows(dev.sluice.stream.journal.UnknownStreamException.class,
                () -> journal.read("b", -1));
        journal.append(new StreamEvent.Text("d", 5, 5, Channel.CONTENT, "t", 0));
        journal.append(new StreamEvent.Text("d", 6, 6, Channel.CONTENT, "t", 0));
        assertThrows(JournalFullException.class, // 306: nothing finished is left to drop
                () -> journal.append(new StreamEvent.Text("d", 7, 7, Channel.CONTENT, "t", 0)));
        assertEquals(7, journal.events("d").await().indefinitely().orElseThrow().size(), "nothing stored is lost");
        assertEquals(2.0, registry.get("sluice.journal.evicted").counter().count());
    }

    @Test
    void theGlobalBudgetRefusesNewStreamsWhenTheRunningOnesFillIt() {
        MemoryStreamJournal tiny = new MemoryStreamJournal(config(100, 100, Duration.ofMinutes(1), 68),
                new StreamMetrics(new SimpleMeterRegistry()));
        tiny.open("a");
        for (int i = 0; i < 2; i++) { // two deltas of 34 bytes (32 + one UTF-16 char) fill a 68-byte budget
            tiny.append(new StreamEvent.Text("a", i, i, Channel.CONTENT, "t", 0));
        }
        org.junit.jupiter.api.Assertions.assertThrows(JournalFullException.class, () -> tiny.open("b"));
    }

    @Test
    void deleteErasesAtOnceAndFreesTheBudget() {
        journal.open("s");
        append(0, 3);
        journal.appendTerminal("s", seq -> new StreamEvent.Done("s", seq, 0, FinishReason.STOP)).await().indefinitely();
        assertEquals(1, journal.finishedQueued());
        journal.delete("s").await().indefinitely();
        assertEquals(java.util.Optional.empty(), journal.events("s").await().indefinitely());
        assertEquals(0, journal.globalBytes());
        assertEquals(0, journal.finishedQueued(), "nothing keeps the erased events reachable");
        org.junit.jupiter.api.Assertions.assertThrows(dev.sluice.stream.journal.UnknownStreamException.class,
                () -> journal.read("s", -1));
        journal.delete("never-existed").await().indefinitely();
    }

    /**
     * Text deltas are stored as columns and rebuilt on read: every event must come back equal,
     * whatever its kind, channel or characters, from every resume point, and in the snapshot.
     */
    @Test
    void storedEventsComeBackExactlyFromEveryResumePoint() {
        MemoryStreamJournal big = new MemoryStreamJournal(config(1000, 1000), new StreamMetrics(new SimpleMeterRegistry()));
        big.open("s");
        java.util.List<StreamEvent> sent = new java.util.ArrayList<>();
        String[] pieces = {"Hello", "", " wörld", " 你好", " 👋🏽", "\n", "\"q\"", " é"};
        sent.add(new StreamEvent.Start("s", 0, 0.0, "m", "p", null, 1L));
        for (int i = 1; i < 60; i++) {
            Channel channel = i % 7 == 0 ? Channel.REASONING : i % 11 == 0 ? Channel.TOOL_CALL : Channel.CONTENT;
            sent.add(i % 13 == 0
                    ? new StreamEvent.Redaction("s", i, i + 0.25, "email", "mask", "[EMAIL]")
                    : new StreamEvent.Text("s", i, i + 0.125, channel, pieces[i % pieces.length], i % 3));
        }
        sent.add(new StreamEvent.Usage("s", 60, 60.5, 3, 59, 62));
        sent.forEach(e -> big.append(e));
        big.appendTerminal("s", seq -> new StreamEvent.Done("s", seq, 61.0, FinishReason.STOP)).await().indefinitely();
        sent.add(new StreamEvent.Done("s", 61, 61.0, FinishReason.STOP));

        for (int k = -1; k < sent.size(); k++) {
            AssertSubscriber<StreamEvent> reader = big.read("s", k).subscribe()
                    .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
            reader.assertCompleted();
            assertEquals(sent.subList(k + 1, sent.size()), reader.getItems(), "resumed after " + k);
        }
        assertEquals(sent, big.events("s").await().indefinitely().orElseThrow());
    }

    private void append(int from, int count) {
        for (int i = from; i < from + count; i++) {
            journal.append(text(i));
        }
    }

    private static StreamEvent.Text text(long seq) {
        return new StreamEvent.Text("s", seq, seq, Channel.CONTENT, "t" + seq, 0);
    }

    private static JournalConfig config(int maxEvents, int maxLag) {
        return config(maxEvents, maxLag, Duration.ofMinutes(1), 1 << 24);
    }

    private static JournalConfig config(int maxEvents, int maxLag, Duration window, long globalMaxBytes) {
        return new JournalConfig() {
            public int maxEvents() { return maxEvents; }
            public long maxBytes() { return 1 << 20; }
            public long globalMaxBytes() { return globalMaxBytes; }
            public int maxLag() { return maxLag; }
            public Duration resumeWindow() { return window; }
        };
    }
}
