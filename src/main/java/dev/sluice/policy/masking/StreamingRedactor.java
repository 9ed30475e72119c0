package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import dev.sluice.model.Delta;
import dev.sluice.model.StreamPart;
import dev.sluice.model.Channel;
import dev.sluice.flow.ExpandOperator;
import dev.sluice.flow.Expander;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks one stream's text as it arrives. It holds back only the trailing characters that
 * could still become part of a match ({@link Matcher#hitEnd()} on the held tail plus the new
 * text) and releases everything else at once, so the concatenated output equals
 * {@link MaskingProfile#redactAll} of the whole text however it is split, as long as no
 * candidate outgrows the hold-back window.
 *
 * <p>The window ({@code max-holdback}) bounds latency: when the held tail grows beyond it,
 * a complete match in it is committed as it stands; a token-shaped secret still in progress
 * (API key, JWT) is masked together with whatever continues it; otherwise the oldest held
 * characters are released unmasked. One instance per stream, fed in order, not thread-safe.
 */
public final class StreamingRedactor {

    /** Already-released characters kept so look-behinds work across chunk boundaries. */
    private static final int CONTEXT = 32;

    private final CombinedPattern rules;
    private final ReplacementFormatter formatter;
    private final RedactionListener listener;
    private final int maxHoldback;

    /** Original text: {@code [0, pos)} released (context), {@code [pos, length)} held. */
    private final StringBuilder buf = new StringBuilder();
    private int pos;
    private final StringBuilder pending = new StringBuilder();
    private Matcher matcher;
    /** The start-position probe's matchers by set of detectors ({@link CombinedPattern#startSet}), made at first use. */
    private Matcher[] probes;
    private Channel channel = Channel.CONTENT;
    private int index;
    private Pattern continuation;
    private PolicyViolationException blocked;
    /** The stream's tool calls, masked as JSON (created with the first call). */
    private ToolArgumentsRedactor toolCalls;
    /** When the current hold-back began (System.nanoTime), or 0 when nothing is held. */
    private long heldSince;
    /** The most characters held during the current hold-back. */
    private int heldMost;

    StreamingRedactor(CombinedPattern rules, ReplacementFormatter formatter, RedactionListener listener,
                      int maxHoldback) {
        this.rules = rules;
        this.formatter = formatter;
        this.listener = listener;
        this.maxHoldback = maxHoldback;
    }

    /**
     * Feeds the next text of the stream; returns what may be delivered now: text deltas and
     * a {@link Redaction} right before each replacement. When a {@code block} detector
     * matched, the list ends with that redaction, {@link #blocked()} is set and every later
     * call returns nothing: the caller must end the stream with {@link #blocked()}.
     */
    public List<StreamPart> accept(Delta.Text text) {
        if (blocked != null) {
            return List.of();
        }
        if (rules == null) {
            return List.of(text);
        }
        List<StreamPart> out = new ArrayList<>(2);
        if (text.channel() != channel || text.index() != index) {
            // Each channel and choice is its own text: finish the previous one first.
            drain(true, out);
            buf.setLength(0);
            pos = 0;
            channel = text.channel();
            index = text.index();
        }
        buf.append(text.text());
        drain(false, out);
        timeHoldBack(held());
        return out;
    }

    /** Ends the current text (end of stream, or a non-text delta follows): releases the hold-back. */
    public List<StreamPart> flush() {
        if (blocked != null || rules == null) {
            return List.of();
        }
        List<StreamPart> out = new ArrayList<>(2);
        drain(true, out);
        timeHoldBack(0);
        return out;
    }

    /**
     * Measures each uninterrupted hold-back, from the chunk that started it to the one that
     * emptied it: how long it lasted and the most characters it held. Once per hold-back, not per
     * chunk: a histogram record per token was a tenth of what masking cost.
     */
    private void timeHoldBack(int held) {
        if (held > 0 && blocked == null) {
            if (heldSince == 0) {
                heldSince = System.nanoTime();
            }
            heldMost = Math.max(heldMost, held);
        } else if (heldSince != 0) {
            listener.heldFor(System.nanoTime() - heldSince);
            listener.heldBack(heldMost);
            heldSince = 0;
            heldMost = 0;
        }
    }

    /** Characters currently held back. */
    public int held() {
        return buf.length() - pos;
    }

    /** The failure the stream must end with, once a {@code block} detector matched; else null. */
    public PolicyViolationException blocked() {
        return blocked;
    }

    /**
     * Redacts a provider stream: text is masked, tool-call arguments are masked as JSON that stays
     * valid ({@link JsonArgumentsMasker}), other deltas pass through in order (held
     * text is flushed before them), held text is flushed at completion and before an upstream
     * failure, and a {@code block} ends the stream with its redaction delta followed by a
     * {@link PolicyViolationException} (code {@code POLICY_VIOLATION}), cancelling upstream.
     * Subscribe once: the stream uses this redactor's state. Without detectors (profile
     * {@code off}) the stream is returned as it is: no operator layer per token for nothing.
     */
    @SuppressWarnings("unchecked")
    public Multi<StreamPart> apply(Multi<Delta> upstream) {
        if (rules == null) {
            // Safe: a Multi only emits, and every Delta is a StreamPart.
            return (Multi<StreamPart>) (Multi<? extends StreamPart>) upstream;
        }
        // One stage per stream (not transformToMultiAndConcatenate, which made an inner Multi and
        // its subscription for every token, and was most of what masking cost per token).
        return ExpandOperator.apply(upstream, () -> new Expander<Delta, StreamPart>() {
            @Override
            public void accept(Delta d, Consumer<StreamPart> out) {
                pass(d instanceof Delta.Text t ? text(t) : d instanceof Delta.ToolCall c ? toolCall(c) : before(d), out);
            }

            @Override
            public void finish(Consumer<StreamPart> out) {
                pass(flushAll(), out);
            }

            @Override
            public void beforeFailure(Consumer<StreamPart> out) {
                pass(flushAll(), out);
            }
        });
    }

    /** The deltas go on; after a {@code block} the stream then fails (the operator cancels the upstream). */
    private void pass(List<StreamPart> deltas, Consumer<StreamPart> out) {
        for (int i = 0; i < deltas.size(); i++) {
            out.accept(deltas.get(i));
        }
        if (blocked != null) {
            throw blocked;
        }
    }

    private List<StreamPart> text(Delta.Text text) {
        if (toolCalls == null) {
            return accept(text);
        }
        List<StreamPart> out = new ArrayList<>(flushToolCalls());
        if (blocked == null) {
            out.addAll(accept(text));
        }
        return out;
    }

    /** A tool call's fragment: held text of the other kind first, then its masked arguments. */
    private List<StreamPart> toolCall(Delta.ToolCall fragment) {
        List<StreamPart> out = new ArrayList<>(flush());
        if (blocked != null) {
            return out;
        }
        if (toolCalls == null) {
            toolCalls = new ToolArgumentsRedactor(() -> new StreamingRedactor(rules, formatter, listener, maxHoldback));
        }
        out.addAll(toolCalls.accept(fragment));
        blocked = toolCalls.blocked();
        return out;
    }

    private List<StreamPart> before(Delta other) {
        List<StreamPart> out = flushAll();
        if (blocked == null) {
            out.add(other);
        }
        return out;
    }

    private List<StreamPart> flushAll() {
        List<StreamPart> out = new ArrayList<>(flush());
        out.addAll(flushToolCalls());
        return out;
    }

    private List<StreamPart> flushToolCalls() {
        if (toolCalls == null || blocked != null) {
            return List.of();
        }
        List<StreamPart> out = toolCalls.flush();
        blocked = toolCalls.blocked();
        return out;
    }

    private void drain(boolean atEnd, List<StreamPart> out) {
        while (blocked == null) {
            int len = buf.length();
            if (continuation != null) {
                Matcher tail = CombinedPattern.bounded(continuation, buf);
                tail.region(pos, len);
                tail.lookingAt();
                pos = tail.end(); // swallowed: the rest of a secret that was already masked
                if (tail.hitEnd() && !atEnd) {
                    break;
                }
                continuation = null;
            }
            if (pos >= len) {
                break;
            }
            if (atEnd) {
                Matcher m = matcher();
                m.region(pos, len);
                if (m.find()) {
                    commit(m, rules.ruleOf(m), false, out);
                    continue;
                }
                release(len);
                break;
            }
            // One pass over the start positions, stopping at the first that matches or could with
            // more input: a stable match there is the leftmost one find() would give; otherwise
            // everything before it is released (a find() first and then this scan did the same
            // work twice, and was most of what masking cost per token).
            // Each position is probed only with the detectors that can start at it (none inside a
            // word, see CombinedPattern.startMask); the first to match wins there as in the whole.
            Matcher hit = null;
            CombinedPattern.Subset hitRules = null;
            int unstable = len;
            for (int x = pos; x < len; x++) {
                int set = rules.startSet(buf, x);
                if (set == CombinedPattern.NONE) {
                    continue;
                }
                Matcher probe = probe(set);
                probe.region(x, len);
                boolean matches = probe.lookingAt();
                if (matches && !probe.hitEnd()) {
                    hit = probe;
                    hitRules = rules.subsetOf(set);
                    break;
                }
                if (matches || probe.hitEnd()) {
                    unstable = x;
                    break;
                }
            }
            if (hit != null) {
                commit(hit, rules.ruleOf(hit, hitRules), false, out);
                continue;
            }
            if (unstable > pos && Character.isHighSurrogate(buf.charAt(unstable - 1))) {
                unstable--; // never end a delta between the two halves of a surrogate pair
            }
            release(unstable);
            if (len - pos <= maxHoldback) {
                break;
            }
            Matcher m = matcher();
            m.region(pos, len);
            overflow(m, m.find(), out);
        }
        if (!pending.isEmpty()) {
            out.add(new Delta.Text(channel, pending.toString(), index));
            pending.setLength(0);
        }
        if (pos > CONTEXT) {
            buf.delete(0, pos - CONTEXT);
            pos = CONTEXT;
        }
    }

    /** The held tail outgrew the window: give something up (see the class comment). */
    private void overflow(Matcher m, boolean found, List<StreamPart> out) {
        int len = buf.length();
        int limit = len - maxHoldback;
        if (found && m.start() < limit) {
            commit(m, rules.ruleOf(m), true, out);
            return;
        }
        DetectorRule token = rules.tokenInProgress(buf, pos);
        if (token != null) {
            redact(token, pos, len, out);
            continuation = token.detector().continuation().orElseThrow();
            return;
        }
        int cut = limit;
        if (cut - 1 > pos && Character.isHighSurrogate(buf.charAt(cut - 1))) {
            cut--;
        }
        release(cut);
    }

    /** Commits the stable match of {@code m}, found by {@code rule}. */
    private void commit(Matcher m, DetectorRule rule, boolean forced, List<StreamPart> out) {
        int start = m.start();
        int end = m.end();
        boolean mayContinue = forced && m.hitEnd();
        release(start);
        if (!CombinedPattern.accepts(rule, buf.substring(start, end))) {
            // Plain text; a valid value starting inside it is still found by the next search.
            release(Math.min(start + 1, buf.length()));
            return;
        }
        redact(rule, start, end, out);
        if (mayContinue && blocked == null) {
            continuation = rule.detector().continuation().orElse(null);
        }
    }

    private void redact(DetectorRule rule, int start, int end, List<StreamPart> out) {
        release(start);
        String replacement = formatter.replacement(rule, buf.substring(start, end));
        if (!pending.isEmpty()) {
            out.add(new Delta.Text(channel, pending.toString(), index));
            pending.setLength(0);
        }
        String detector = rule.detector().name();
        out.add(new Redaction(detector, rule.action().wire(), replacement));
        listener.redacted(detector, rule.action());
        if (rule.action() == MaskingAction.BLOCK) {
            blocked = new PolicyViolationException(detector, "the output");
            buf.setLength(0);
            pos = 0;
            return;
        }
        pending.append(replacement);
        pos = end;
    }

    /** Moves held characters up to {@code to} into the text to deliver. */
    private void release(int to) {
        if (to > pos) {
            pending.append(buf, pos, to);
            pos = to;
        }
    }

    /** The matcher over {@code buf} of the detectors in {@code set}, kept for the stream. */
    private Matcher probe(int set) {
        if (probes == null) {
            probes = new Matcher[rules.sets()];
        }
        Matcher m = probes[set];
        if (m == null) {
            m = rules.subsetOf(set).matcher(buf);
            probes[set] = m;
        }
        return m;
    }

    private Matcher matcher() {
        if (matcher == null) {
            matcher = rules.matcher(buf);
        } else {
            matcher.reset(buf);
        }
        return matcher;
    }
}
