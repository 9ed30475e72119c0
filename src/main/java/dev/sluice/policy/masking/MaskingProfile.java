package dev.sluice.policy.masking;

import dev.sluice.model.Redaction;
import dev.sluice.provider.ChatMessage;
import dev.sluice.model.Delta;
import dev.sluice.provider.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * A named set of detector rules, as configured under {@code sluice.masking.profiles.<name>}.
 * Immutable and shared; it makes a fresh {@link StreamingRedactor} for each stream.
 */
public final class MaskingProfile {

    private final String name;
    private final List<DetectorRule> rules;
    private final boolean maskPrompts;
    private final int maxHoldback;
    private final CombinedPattern combined;
    private final ReplacementFormatter formatter;
    private final RedactionListener listener;
    private final boolean allowFullRetention;

    /**
     * @param rules       in priority order (first wins when two match at the same position)
     * @param maxHoldback most characters a redactor holds back, at least 1
     * @param hashKey     key of the {@code hash} action's HMAC-SHA256
     */
    public MaskingProfile(String name, List<DetectorRule> rules, boolean maskPrompts, int maxHoldback,
                          byte[] hashKey, RedactionListener listener) {
        this(name, rules, maskPrompts, maxHoldback, hashKey, listener, false);
    }

    /** @param allowFullRetention whether sessions with this profile may keep original text ({@code full} retention) */
    public MaskingProfile(String name, List<DetectorRule> rules, boolean maskPrompts, int maxHoldback,
                          byte[] hashKey, RedactionListener listener, boolean allowFullRetention) {
        if (maxHoldback < 1) {
            throw new IllegalArgumentException("max-holdback must be at least 1");
        }
        this.name = name;
        this.rules = List.copyOf(rules);
        this.maskPrompts = maskPrompts;
        this.maxHoldback = maxHoldback;
        this.combined = rules.isEmpty() ? null : new CombinedPattern(rules);
        this.formatter = new ReplacementFormatter(hashKey);
        this.listener = listener;
        this.allowFullRetention = allowFullRetention;
    }

    public String name() { return name; }

    public List<DetectorRule> rules() { return rules; }

    /** Whether prompts are masked before they go upstream. */
    public boolean maskPrompts() { return maskPrompts; }

    public int maxHoldback() { return maxHoldback; }

    /** Whether sessions with this profile may use {@code full} retention. */
    public boolean allowFullRetention() { return allowFullRetention; }

    /** A new redactor for one stream (a pass-through one when the profile has no rules). */
    public StreamingRedactor newRedactor() {
        return new StreamingRedactor(combined, formatter, listener, maxHoldback);
    }

    /**
     * Redacts a whole text at once: the reference the streaming redactor agrees with. Scans
     * left to right for the earliest match; a match failing its check (Luhn, mod-97) is plain
     * text and the search resumes after its first character.
     */
    public Redacted redactAll(String text) {
        return redactAll(text, listener);
    }

    private Redacted redactAll(String text, RedactionListener listener) {
        if (combined == null) {
            return new Redacted(text, List.of(), false);
        }
        StringBuilder out = new StringBuilder(text.length());
        List<Redaction> redactions = new ArrayList<>();
        Matcher m = combined.matcher(text);
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            m.region(pos, len);
            if (!m.find()) {
                break;
            }
            int start = m.start();
            int end = m.end();
            out.append(text, pos, start);
            DetectorRule rule = combined.ruleOf(m);
            String original = text.substring(start, end);
            if (!CombinedPattern.accepts(rule, original)) {
                pos = Math.min(start + 1, len);
                out.append(text, start, pos);
                continue;
            }
            String replacement = formatter.replacement(rule, original);
            redactions.add(new Redaction(rule.detector().name(), rule.action().wire(), replacement));
            listener.redacted(rule.detector().name(), rule.action());
            if (rule.action() == MaskingAction.BLOCK) {
                return new Redacted(out.toString(), List.copyOf(redactions), true);
            }
            out.append(replacement);
            pos = end;
        }
        out.append(text, pos, len);
        return new Redacted(out.toString(), List.copyOf(redactions), false);
    }

    /**
     * The prompt text as it may go upstream.
     *
     * @throws PolicyViolationException when a {@code block} detector finds a value in it
     */
    public String maskPrompt(String prompt) {
        Redacted redacted = redactAll(prompt);
        PolicyViolationException blocked = violation(redacted);
        if (blocked != null) {
            throw blocked;
        }
        return redacted.text();
    }

    /**
     * Tool-call arguments (JSON text) as they may go out: masked so that they still parse, a value found
     * outside a string becoming a string (see {@link JsonArgumentsMasker}); text that is not JSON is
     * masked as text.
     *
     * @throws PolicyViolationException when a {@code block} detector finds a value in them
     */
    public String maskArguments(String arguments) {
        Redacted redacted = redactJson(arguments, listener);
        PolicyViolationException blocked = violation(redacted);
        if (blocked != null) {
            throw blocked;
        }
        return redacted.text();
    }

    private Redacted redactJson(String json, RedactionListener counted) {
        if (combined == null || json == null) {
            return new Redacted(json, List.of(), false);
        }
        // no hold-back limit: the text is whole, so the result is that of redactAll on each value
        return ToolArgumentsRedactor.maskWhole(
                () -> new StreamingRedactor(combined, formatter, counted, Integer.MAX_VALUE), json);
    }

    /**
     * The messages as they may go upstream: masked when {@link #maskPrompts()}, else unchanged. The
     * arguments of an assistant turn's tool calls and a tool turn's result (usually JSON, which the
     * upstream may parse) are masked with {@link #maskArguments}, the rest as text.
     *
     * @throws PolicyViolationException when a {@code block} detector finds a value in them
     */
    public List<ChatMessage> maskMessages(List<ChatMessage> messages) {
        PromptMasking masked = maskForUpstream(messages);
        if (masked.blocked() != null) {
            throw masked.blocked();
        }
        return masked.messages();
    }

    /**
     * {@link #maskMessages} and the interventions it makes, for the audit trail, in one pass over
     * the prompt (a long prompt was scanned twice per request, once for each). Unchanged with no
     * interventions when the profile does not mask prompts. The redaction metrics count up to a
     * {@code block}, where the request is refused; the interventions go on listing the rest.
     */
    public PromptMasking maskForUpstream(List<ChatMessage> messages) {
        if (!maskPrompts || combined == null) {
            return new PromptMasking(messages, List.of(), null);
        }
        List<ChatMessage> masked = new ArrayList<>(messages.size());
        List<Redaction> interventions = new ArrayList<>();
        PolicyViolationException blocked = null;
        for (ChatMessage message : messages) {
            String content = null;
            if (message.content() != null) {
                RedactionListener counted = blocked == null ? listener : RedactionListener.NONE;
                Redacted r = "tool".equals(message.role()) ? redactJson(message.content(), counted)
                        : redactAll(message.content(), counted);
                interventions.addAll(r.redactions());
                blocked = blocked != null ? blocked : violation(r);
                content = r.text();
            }
            List<ToolCall> calls = new ArrayList<>(message.toolCalls().size());
            for (ToolCall call : message.toolCalls()) {
                Redacted r = redactJson(call.arguments(), blocked == null ? listener : RedactionListener.NONE);
                interventions.addAll(r.redactions());
                blocked = blocked != null ? blocked : violation(r);
                calls.add(new ToolCall(call.id(), call.name(), r.text()));
            }
            masked.add(new ChatMessage(message.role(), content, calls, message.toolCallId(), message.name()));
        }
        return new PromptMasking(blocked == null ? masked : List.of(), List.copyOf(interventions), blocked);
    }

    /** The refusal a blocked prompt text ends in, or null. */
    private static PolicyViolationException violation(Redacted redacted) {
        return redacted.blocked() ? new PolicyViolationException(
                redacted.redactions().get(redacted.redactions().size() - 1).detector(), "the prompt") : null;
    }

    @Override
    public String toString() {
        return "MaskingProfile[" + name + "]";
    }
}
