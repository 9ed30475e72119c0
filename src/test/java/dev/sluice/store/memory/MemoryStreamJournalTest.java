package dev.sluice.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.ops.StreamMetrics;
import dev.sluice.stream.Channel;
import dev.sluice.stream.ErrorCode;
import dev.sluice.stream.FinishReason;
import dev.sluice.stream.StreamEvent;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.journal.JournalFullException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
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
            small.append(text(i)).await().indefinitely();
        }
        small.append(text(3)).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertFailedWith(JournalFullException.class);
        small.appendTerminal("s", seq -> new StreamEvent.Done("s", seq, 0, FinishReason.LENGTH)).await().indefinitely();
        assertEquals(4, small.events("s").await().indefinitely().orElseThrow().size());
    }

    private void append(int from, int count) {
        for (int i = from; i < from + count; i++) {
            journal.append(text(i)).await().indefinitely();
        }
    }

    private static StreamEvent text(long seq) {
        return new StreamEvent.Text("s", seq, seq, Channel.CONTENT, "t" + seq, 0);
    }

    private static JournalConfig config(int maxEvents, int maxLag) {
        return new JournalConfig() {
            public int maxEvents() { return maxEvents; }
            public long maxBytes() { return 1 << 20; }
            public long globalMaxBytes() { return 1 << 24; }
            public int maxLag() { return maxLag; }
            public Duration resumeWindow() { return Duration.ofMinutes(1); }
        };
    }
}
