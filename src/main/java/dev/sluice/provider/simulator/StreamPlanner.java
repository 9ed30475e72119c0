package dev.sluice.provider.simulator;

import com.knuddels.jtokkit.api.Encoding;
import dev.sluice.provider.ChatMessage;
import dev.sluice.provider.GenerationRequest;
import dev.sluice.model.FinishReason;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Resolves a request against the simulator settings into a {@link StreamPlan}; validates options. */
final class StreamPlanner {

    /** OpenAI-style counting: every message costs its tokens plus 3, every prompt 3 more. */
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_PER_PROMPT = 3;

    private static final int[] FROM_START = {0};
    /** Mixed into the seed for tool-call ids and arguments, so they do not repeat the timing's draws. */
    private static final long TOOL_SEED = 0x7f4a7c15L;

    private final SimulatorSettings settings;
    private final Encoding encoding;
    private final int[] corpusTokens;
    private final int[] paragraphStarts;

    StreamPlanner(SimulatorSettings settings, Encoding encoding, Corpus corpus) {
        this.settings = settings;
        this.encoding = encoding;
        this.corpusTokens = corpus.tokens();
        this.paragraphStarts = corpus.paragraphStarts();
    }

    /**
     * What {@link #plan} would reject, without tokenizing anything: the prompt is tokenized once,
     * when the stream is planned, not also when the request is validated.
     *
     * @throws IllegalArgumentException naming the key of a malformed option
     */
    SimulatorOptions check(GenerationRequest request) {
        SimulatorOptions options = SimulatorOptions.parse(request.options());
        Integer maxTokens = request.maxTokens();
        if (maxTokens != null && maxTokens < 0) {
            throw new IllegalArgumentException("max_tokens must be >= 0, got " + maxTokens);
        }
        SimulatedToolCalls.plan(request);
        return options;
    }

    /** @throws IllegalArgumentException naming the key of a malformed option */
    StreamPlan plan(GenerationRequest request) {
        SimulatorOptions options = check(request);
        Integer maxTokens = request.maxTokens();
        SimulatorMode mode = options.mode() != null ? options.mode() : SimulatorMode.forModel(request.model());
        int[] source;
        int[] starts;
        int available;
        String echoed = null;
        if (SimulatedToolCalls.answersToolResults(request)) {
            // the tool mode's last turn: the answer says what the tools returned
            mode = SimulatorMode.ECHO;
            echoed = SimulatedToolCalls.resultSummary(request.messages());
        }
        if (mode == SimulatorMode.ECHO) {
            echoed = echoed != null ? echoed : request.lastUserMessage();
            source = encoding.encodeOrdinary(echoed).toArray();
            starts = FROM_START;
            available = source.length;
        } else {
            source = corpusTokens;
            starts = paragraphStarts;
            available = options.tokens() != null ? options.tokens() : settings.tokens();
        }
        int count = maxTokens != null && maxTokens < available ? maxTokens : available;
        FinishReason finish = count < available ? FinishReason.LENGTH : FinishReason.STOP;
        long seed = options.seed() != null ? options.seed()
                : settings.seed() != null ? settings.seed() : ThreadLocalRandom.current().nextLong();
        StreamPlan plan = new StreamPlan(source, starts, count, finish, promptTokens(request, echoed, source.length),
                or(options.ttftNanos(), settings.ttft().toNanos()),
                or(options.gapNanos(), settings.gap().toNanos()),
                or(options.jitterNanos(), settings.jitter().toNanos()),
                seed, options.fail(),
                options.failureRate() != null ? options.failureRate() : settings.failureRate(),
                settings.failureKinds(), options.failAt(), options.fail() != null || options.failureRate() != null);
        List<SimulatedToolCalls.Planned> calls = SimulatedToolCalls.plan(request);
        return calls.isEmpty() ? plan
                : plan.playing(ToolCallScript.of(calls, encoding, new Random(seed ^ TOOL_SEED), maxTokens));
    }

    /**
     * The request's prompt tokens. Echo has just tokenized the message it streams back
     * ({@code echoed}, the very String of that message, or null): its count is reused.
     */
    private int promptTokens(GenerationRequest request, String echoed, int echoedTokens) {
        int total = TOKENS_PER_PROMPT;
        for (ChatMessage message : request.messages()) {
            String content = message.content();
            int tokens = content == null ? 0 : content == echoed ? echoedTokens : encoding.countTokensOrdinary(content);
            total += TOKENS_PER_MESSAGE + tokens;
        }
        return total;
    }

    private static long or(Long override, long fallback) {
        return override != null ? override : fallback;
    }
}
