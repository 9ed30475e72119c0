package dev.sluice.tck;

import dev.sluice.model.StreamEvent;
import dev.sluice.store.memory.MemoryJournalReaders;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK against the memory journal's reader ({@code MemoryJournalReader}), the
 * subscription every SSE and WebSocket subscriber of a stream reads through: part of each stream
 * is replayed from the log, the rest is appended by another thread while the reader follows it.
 */
public class MemoryJournalReaderTckTest extends FlowPublisherVerification<StreamEvent> {

    /** The journal's default bound on one stream's events ({@code sluice.journal.max-events}). */
    private static final long MAX_EVENTS = 100_000;

    private ExecutorService appender;

    public MemoryJournalReaderTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_TIMEOUT_MILLIS), Tck.GC_TIMEOUT_MILLIS);
    }

    @BeforeClass
    public void startAppender() {
        appender = Executors.newSingleThreadExecutor();
    }

    @AfterClass(alwaysRun = true)
    public void stopAppender() {
        appender.shutdownNow();
    }

    @Override
    public Flow.Publisher<StreamEvent> createFlowPublisher(long elements) {
        return elements == 0 ? MemoryJournalReaders.afterTheEnd()
                : MemoryJournalReaders.stream((int) elements, appender);
    }

    /** A journal reader has no failure of its own: a slow subscriber is told so in-band, then completed. */
    @Override
    public Flow.Publisher<StreamEvent> createFailedFlowPublisher() {
        return null;
    }

    /** A stream's journal holds a bounded number of events. */
    @Override
    public long maxElementsFromPublisher() {
        return MAX_EVENTS;
    }
}
