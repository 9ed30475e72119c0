package dev.sluice.store.memory;

import dev.sluice.ops.StreamMetrics;
import dev.sluice.store.contract.JournalContract;
import dev.sluice.stream.journal.StreamJournal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The journal contract on the memory store. */
class MemoryJournalContractTest extends JournalContract {

    private final MemoryStreamJournal journal = new MemoryStreamJournal(config(), new StreamMetrics(new SimpleMeterRegistry()));

    @Override
    protected StreamJournal producer() {
        return journal;
    }

    @Override
    protected StreamJournal reader() {
        return journal;
    }
}
