package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ExpandOperatorTest {

    /** Splits each string into its characters; "!" is malformed input; at the end says "end". */
    private static final class Chars implements Expander<String, String> {
        @Override
        public void accept(String item, Consumer<String> out) {
            if (item.equals("!")) {
                throw new IllegalStateException("malformed");
            }
            item.chars().forEach(c -> out.accept(String.valueOf((char) c)));
        }

        @Override
        public void finish(Consumer<String> out) {
            out.accept("end");
        }
    }

    @Test
    void outputsFollowDemandAndTheEndComesLast() {
        AssertSubscriber<String> out = ExpandOperator.apply(Multi.createFrom().items("ab", "", "c"), Chars::new)
                .subscribe().withSubscriber(AssertSubscriber.create(2));
        out.assertItems("a", "b").assertNotTerminated();
        out.request(10);
        out.assertItems("a", "b", "c", "end").assertCompleted();
    }

    @Test
    void aFailingExpanderCancelsItsUpstreamAndFailsAfterWhatItMade() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<String> upstream = Multi.createFrom().items("ab", "!", "never")
                .onCancellation().invoke(() -> cancelled.set(true));
        AssertSubscriber<String> out = ExpandOperator.apply(upstream, Chars::new)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.assertFailedWith(IllegalStateException.class, "malformed");
        assertEquals(List.of("a", "b"), out.getItems());
        assertTrue(cancelled.get());
    }

    @Test
    void aFailingFinishFailsTheStream() {
        Expander<String, String> strict = new Expander<>() {
            @Override
            public void accept(String item, Consumer<String> out) {
                out.accept(item);
            }

            @Override
            public void finish(Consumer<String> out) {
                throw new IllegalStateException("truncated");
            }
        };
        AssertSubscriber<String> out = ExpandOperator.apply(Multi.createFrom().items("x"), () -> strict)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.assertFailedWith(IllegalStateException.class, "truncated");
        assertEquals(List.of("x"), out.getItems());
    }

    @Test
    void anUpstreamFailureComesAfterTheOutputsWithoutTheEnd() {
        AssertSubscriber<String> out = ExpandOperator.apply(Multi.createFrom().items("ab")
                        .onCompletion().failWith(new IllegalArgumentException("dropped")), Chars::new)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.assertFailedWith(IllegalArgumentException.class, "dropped");
        assertEquals(List.of("a", "b"), out.getItems());
    }

    @Test
    void beforeAnUpstreamFailureTheExpanderDeliversWhatItHeld() {
        Expander<String, String> holding = new Expander<>() {
            private final StringBuilder held = new StringBuilder();

            @Override
            public void accept(String item, Consumer<String> out) {
                held.append(item);
            }

            @Override
            public void beforeFailure(Consumer<String> out) {
                out.accept(held.toString());
            }
        };
        AssertSubscriber<String> out = ExpandOperator.apply(Multi.createFrom().items("a", "b")
                        .onCompletion().failWith(new IllegalArgumentException("dropped")), () -> holding)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.assertFailedWith(IllegalArgumentException.class, "dropped");
        assertEquals(List.of("ab"), out.getItems());
    }
}
