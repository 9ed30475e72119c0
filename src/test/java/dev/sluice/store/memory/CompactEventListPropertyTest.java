package dev.sluice.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.model.Channel;
import dev.sluice.model.FinishReason;
import dev.sluice.model.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The columns give back exactly the events they were given, whatever mix of kinds, channels,
 * choices and times: the compact storage (int microseconds, optional channel and index columns,
 * kept non-text events) must never change what a resuming client replays.
 */
class CompactEventListPropertyTest {

    private static final String STREAM = "str_1";

    @Property(tries = 300)
    void everyEventReadsBackAsAppended(@ForAll("events") List<Shape> shapes) {
        List<StreamEvent> events = new ArrayList<>();
        for (int seq = 0; seq < shapes.size(); seq++) {
            events.add(shapes.get(seq).at(seq));
        }
        events.add(new StreamEvent.Done(STREAM, events.size(), 1.5, FinishReason.STOP));
        CompactEventList list = new CompactEventList(STREAM);
        for (int i = 0; i < events.size(); i++) {
            list.add(events.get(i));
            // Read while growing too: a reader follows the stream as it is appended.
            assertEquals(events.get(i / 2), list.get(i / 2));
        }
        assertEquals(events.size(), list.size());
        for (int seq = 0; seq < events.size(); seq++) {
            assertEquals(events.get(seq), list.get(seq), "seq " + seq);
        }
    }

    @Example
    void timesPastTheMicrosecondColumnAndForeignTimesReadBackExactly() {
        // Times that are not whole microseconds come first, while the int column is still in use.
        double[] times = {Math.PI, 0.0, -0.0, 12.3456789, 0.001, 20.035, 2_147_483.647, 2_147_483.648, 7_200_000.5, 1.5};
        CompactEventList list = new CompactEventList(STREAM);
        for (int seq = 0; seq < times.length; seq++) {
            list.add(new StreamEvent.Text(STREAM, seq, times[seq], Channel.CONTENT, "t" + seq, 0));
        }
        list.add(new StreamEvent.Done(STREAM, times.length, 9.0, FinishReason.STOP));
        for (int seq = 0; seq < times.length; seq++) {
            assertEquals(Double.valueOf(times[seq]), Double.valueOf(list.get(seq).at()), "seq " + seq);
            assertEquals("t" + seq, ((StreamEvent.Text) list.get(seq)).text());
        }
    }

    /** An event without its seq, so that any list of them can be numbered in order. */
    interface Shape {
        StreamEvent at(long seq);
    }

    @Provide
    Arbitrary<List<Shape>> events() {
        // Mostly what the framer stamps (whole microseconds within the int column), sometimes a
        // time past it (a stream older than 35 minutes) or one that is not whole microseconds.
        Arbitrary<Double> micros = Arbitraries.longs().between(0, Integer.MAX_VALUE).map(m -> m / 1000.0);
        Arbitrary<Double> times = Arbitraries.frequencyOf(
                Tuple.of(40, micros),
                Tuple.of(1, Arbitraries.longs().between(Integer.MAX_VALUE + 1L, 4_000_000_000L).map(m -> m / 1000.0)),
                Tuple.of(1, Arbitraries.doubles().between(0, 1e7)));
        Arbitrary<Channel> channels = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(Channel.CONTENT)),
                Tuple.of(1, Arbitraries.of(Channel.class)));
        Arbitrary<Integer> indices = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(0, 3)));
        Arbitrary<String> texts = Arbitraries.of("the", " word", "é", "日本", "🌊", "", " x");
        Arbitrary<Shape> text = Combinators.combine(times, channels, texts, indices)
                .as((at, channel, t, index) -> seq -> new StreamEvent.Text(STREAM, seq, at, channel, t, index));
        Arbitrary<Shape> foreign = texts.map(t -> seq -> new StreamEvent.Text("str_other", seq, 2.0, Channel.CONTENT, t, 0));
        Arbitrary<Shape> redaction = Arbitraries.of("email", "card")
                .map(d -> seq -> new StreamEvent.Redaction(STREAM, seq, 3.0, d, "mask", "[EMAIL]"));
        Arbitrary<Shape> usage = Arbitraries.integers().between(0, 500)
                .map(n -> seq -> new StreamEvent.Usage(STREAM, seq, 4.0, 7, n, 7 + n));
        Arbitrary<Shape> start = Arbitraries.just(seq -> new StreamEvent.Start(STREAM, seq, 0.0, "m", "p", null, 1L));
        return Arbitraries.frequencyOf(
                Tuple.of(20, text),
                Tuple.of(1, foreign),
                Tuple.of(2, redaction),
                Tuple.of(1, usage),
                Tuple.of(1, start)).list().ofMaxSize(80);
    }
}
