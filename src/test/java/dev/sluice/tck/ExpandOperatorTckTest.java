package dev.sluice.tck;

import dev.sluice.flow.ExpandOperator;
import dev.sluice.flow.Expander;
import io.smallrye.mutiny.Multi;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK against {@link ExpandOperator}, with an expander that makes no output
 * for every other item and two for the next (and holds an odd last item for the end), so demand
 * is checked both for items that make nothing and for items that make more than one.
 */
public class ExpandOperatorTckTest extends FlowPublisherVerification<Long> {

    public ExpandOperatorTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_TIMEOUT_MILLIS), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        Multi<Long> upstream = Multi.createFrom().generator(() -> 0L, (next, emitter) -> {
            if (next < elements) {
                emitter.emit(next);
            } else {
                emitter.complete();
            }
            return next + 1;
        });
        return ExpandOperator.apply(upstream, Pairs::new);
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return ExpandOperator.apply(Multi.createFrom().<Long>failure(new IllegalStateException("upstream failed")),
                Pairs::new);
    }

    /** Holds every other item and passes it on with the next one: zero outputs, then two. */
    private static final class Pairs implements Expander<Long, Long> {

        private Long held;

        @Override
        public void accept(Long item, Consumer<Long> out) {
            if (held == null) {
                held = item;
            } else {
                out.accept(held);
                out.accept(item);
                held = null;
            }
        }

        @Override
        public void finish(Consumer<Long> out) {
            if (held != null) {
                out.accept(held);
            }
        }
    }
}
