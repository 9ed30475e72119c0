package dev.sluice.tck;

import dev.sluice.model.Delta;
import dev.sluice.provider.simulator.PacedDeltaPublishers;
import io.vertx.core.Vertx;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK against the simulator's {@code PacedDeltaPublisher}, paced by the real
 * event-loop token timers: the first token is emitted by the requesting thread, the others by
 * the timer on a Vert.x event loop, so request, cancel and emission race as they do in production.
 */
public class PacedDeltaPublisherTckTest extends FlowPublisherVerification<Delta> {

    /** Every simulated stream ends with a usage item and a finish item after its tokens. */
    private static final int TRAILING_ITEMS = 2;

    private Vertx vertx;

    public PacedDeltaPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS, Tck.NO_SIGNAL_TIMEOUT_MILLIS), Tck.GC_TIMEOUT_MILLIS);
    }

    @BeforeClass
    public void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterClass(alwaysRun = true)
    public void stopVertx() {
        Tck.close(vertx);
    }

    @Override
    public Flow.Publisher<Delta> createFlowPublisher(long elements) {
        if (elements < TRAILING_ITEMS) {
            notVerified("a simulated stream always ends with usage and finish: it has no stream of "
                    + elements + " items");
        }
        return PacedDeltaPublishers.paced(vertx, (int) Math.min(Integer.MAX_VALUE, elements - TRAILING_ITEMS), 1);
    }

    @Override
    public Flow.Publisher<Delta> createFailedFlowPublisher() {
        return PacedDeltaPublishers.rateLimited(vertx);
    }

    /** A stream's token count is an int. */
    @Override
    public long maxElementsFromPublisher() {
        return Integer.MAX_VALUE;
    }
}
