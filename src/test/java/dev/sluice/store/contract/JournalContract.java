package dev.sluice.store.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.model.Channel;
import dev.sluice.model.ErrorCode;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import dev.sluice.stream.StreamIds;
import dev.sluice.stream.journal.JournalConfig;
import dev.sluice.stream.journal.JournalFullException;
import dev.sluice.stream.journal.StreamJournal;
import dev.sluice.stream.journal.UnknownStreamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The journal contract (DESIGN §2, §4): gapless seqs from 0, exactly one terminal, replay then
 * live, resume after any seq, bounds, slow_consumer. Events are appended on {@link #producer()}
 * and read on {@link #reader()}: the same journal for memory, another replica for Redis.
 */
public abstract class JournalContract {

    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected static final int MAX_EVENTS = StoreFixtures.MAX_EVENTS;
    protected static final int MAX_LAG = StoreFixtures.MAX_LAG;

    /** The bounds every implementation is built with. */
    protected static JournalConfig config() {
        return StoreFixtures.journalConfig();
    }

    /** Where the producer appends. */
    protected abstract StreamJournal producer();

    /** Where subscribers read: the producer's replica or another one. */
    protected abstract StreamJournal reader();

    @Test
    void aReaderGetsEveryEventInOrderThenExactlyOneTerminal() {
        String id = StreamIds.newStreamId();
        List<StreamEvent> written = produce(id, 10, true);
        List<StreamEvent> read = readAll(id, -1);
        assertEquals(written, read);
        assertEquals(LongStream.rangeClosed(0, 11).boxed().toList(), read.stream().map(StreamEvent::seq).toList());
        assertEquals(1, read.stream().filter(StreamEvent::terminal).count());
    }

    @Test
    void aResumeGetsExactlyTheEventsAfterItsSeq() {
        String id = StreamIds.newStreamId();
        List<StreamEvent> written = produce(id, 10, true);
        for (long after : new long[] {-1, 0, 4, 10}) {
            assertEquals(written.subList((int) after + 1, written.size()), readAll(id, after), "after " + after);
        }
        AssertSubscriber<StreamEvent> pastTheEnd = reader().read(id, 11).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        pastTheEnd.awaitCompletion(WAIT).assertHasNotReceivedAnyItem();
    }

    @Test
    void aLiveReaderFollowsEventsAsTheyAreAppended() {
        String id = StreamIds.newStreamId();
        open(id);
        List<StreamEvent> written = new ArrayList<>();
        written.add(append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1)));
        AssertSubscriber<StreamEvent> live = reader().read(id, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        live.awaitItems(1, WAIT);
        for (int i = 1; i <= 5; i++) {
            written.add(append(text(id, i, "tok" + i)));
            live.awaitItems(i + 1, WAIT);
        }
        written.add(terminal(id, seq -> new StreamEvent.Done(id, seq, 9.5, FinishReason.STOP)));
        live.awaitCompletion(WAIT);
        assertEquals(written, live.getItems());
    }

    @Test
    void aSecondTerminalAndLateAppendsAreIgnored() {
        String id = StreamIds.newStreamId();
        List<StreamEvent> written = produce(id, 3, false);
        StreamEvent done = terminal(id, seq -> new StreamEvent.Done(id, seq, 5, FinishReason.CANCELLED));
        written.add(done);
        producer().appendTerminal(id, seq -> new StreamEvent.Error(id, seq, 6, ErrorCode.UPSTREAM_ERROR, "late", true))
                .await().indefinitely();
        producer().append(text(id, 5, "after the end"));
        assertEquals(written, readAll(id, -1));
        assertEquals(Optional.of(written), await().atMost(WAIT).until(() -> reader().events(id).await().indefinitely(),
                events -> events.isPresent() && events.get().size() == written.size()));
    }

    @Test
    void everyKindOfEventKeepsItsFields() {
        String id = StreamIds.newStreamId();
        open(id);
        List<StreamEvent> written = new ArrayList<>();
        written.add(append(new StreamEvent.Start(id, 0, 0.125, "sluice-sim", "simulator", "sess-1", 1_764_000_000L)));
        written.add(append(new StreamEvent.Text(id, 1, 1.5, Channel.REASONING, "thinking…", 0)));
        written.add(append(new StreamEvent.Text(id, 2, 2.25, Channel.CONTENT, "héllo 👩‍👩‍👧 \"quoted\"\n", 0)));
        written.add(append(new StreamEvent.Redaction(id, 3, 3, "email", "mask", "[EMAIL]")));
        written.add(append(new StreamEvent.Citation(id, 4, 4, "doc://a")));
        written.add(append(new StreamEvent.Usage(id, 5, 5, 7, 3, 10)));
        written.add(terminal(id, seq -> new StreamEvent.Error(id, seq, 6.75, ErrorCode.UPSTREAM_TIMEOUT,
                "no token for 30 s", true)));
        assertEquals(written, readAll(id, -1));
    }

    @Test
    void unknownStreamsAreUnknown() {
        String id = StreamIds.newStreamId();
        AssertSubscriber<StreamEvent> read = Multi.createFrom().deferred(() -> reader().read(id, -1)).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        read.awaitFailure(WAIT);
        assertInstanceOf(UnknownStreamException.class, read.getFailure());
        assertEquals(Optional.empty(), reader().events(id).await().atMost(WAIT));
    }

    @Test
    void theEventBoundRejectsAppendsButLetsTheTerminalIn() {
        String id = StreamIds.newStreamId();
        open(id);
        List<StreamEvent> written = new ArrayList<>();
        written.add(append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1)));
        long seq = 1;
        while (true) {
            StreamEvent next = text(id, seq, "x");
            try {
                producer().append(next);
            } catch (JournalFullException full) {
                break;
            }
            written.add(next);
            seq++;
            assertTrue(seq <= MAX_EVENTS, "the bound must stop appends");
        }
        assertEquals(MAX_EVENTS - 1, written.size());
        written.add(terminal(id, s -> new StreamEvent.Done(id, s, 1, FinishReason.LENGTH)));
        assertEquals(written, readAll(id, -1));
    }

    @Test
    void aReaderThatStopsRequestingIsCutOffWithSlowConsumer() {
        String id = StreamIds.newStreamId();
        open(id);
        append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1));
        AssertSubscriber<StreamEvent> stuck = reader().read(id, -1).subscribe().withSubscriber(AssertSubscriber.create(1));
        stuck.awaitItems(1, WAIT);
        for (int i = 1; i <= MAX_LAG * 4; i++) {
            append(text(id, i, "t" + i));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            stuck.request(1);
            stuck.assertCompleted();
        });
        StreamEvent last = stuck.getItems().get(stuck.getItems().size() - 1);
        assertEquals(StreamEvent.UNSEQUENCED, last.seq());
        assertEquals(ErrorCode.SLOW_CONSUMER, ((StreamEvent.Error) last).code());
    }

    @Test
    void aDeletedStreamIsUnknownEverywhere() {
        String id = StreamIds.newStreamId();
        List<StreamEvent> written = produce(id, 3, true);
        assertEquals(written, readAll(id, -1));
        producer().delete(id).await().atMost(WAIT);
        assertEquals(Optional.empty(), producer().events(id).await().atMost(WAIT));
        await().atMost(WAIT).until(() -> reader().events(id).await().indefinitely().isEmpty());
    }

    /**
     * Opens a stream as the stream service does: the journal first, then whatever else a start
     * records before the first event (a shared store registers the stream's owner there).
     */
    protected void open(String id) {
        producer().open(id);
    }

    /** Opens the stream and appends a start, {@code deltas} text events and, when asked, a done. */
    protected List<StreamEvent> produce(String id, int deltas, boolean end) {
        open(id);
        List<StreamEvent> written = new ArrayList<>();
        written.add(append(new StreamEvent.Start(id, 0, 0, "m", "p", null, 1)));
        for (int i = 1; i <= deltas; i++) {
            written.add(append(text(id, i, "tok" + i)));
        }
        if (end) {
            written.add(terminal(id, seq -> new StreamEvent.Done(id, seq, deltas + 1, FinishReason.STOP)));
        }
        return written;
    }

    protected StreamEvent append(StreamEvent event) {
        producer().append(event);
        return event;
    }

    protected StreamEvent terminal(String id, java.util.function.LongFunction<StreamEvent> atSeq) {
        StreamEvent[] made = new StreamEvent[1];
        producer().appendTerminal(id, seq -> made[0] = atSeq.apply(seq)).await().indefinitely();
        return made[0];
    }

    protected static StreamEvent text(String id, long seq, String text) {
        return new StreamEvent.Text(id, seq, seq, Channel.CONTENT, text, 0);
    }

    /** Every event after {@code after} up to the terminal, read on {@link #reader()}. */
    protected List<StreamEvent> readAll(String id, long after) {
        return readAll(reader(), id, after);
    }

    protected static List<StreamEvent> readAll(StreamJournal journal, String id, long after) {
        AssertSubscriber<StreamEvent> subscriber = journal.read(id, after).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitCompletion(WAIT);
        return subscriber.getItems();
    }
}
