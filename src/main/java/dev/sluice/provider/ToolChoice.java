package dev.sluice.provider;

/**
 * Whether and which tool the model must call: OpenAI's {@code tool_choice} ({@code auto},
 * {@code none}, {@code required}, or one named function), Anthropic's {@code tool_choice}
 * ({@code auto}, {@code any}, {@code tool}, {@code none}) and Gemini's {@code functionCallingConfig}
 * ({@code AUTO}, {@code ANY}, {@code NONE}, {@code allowedFunctionNames}) all map onto it.
 *
 * @param function the function that must be called when {@code mode} is {@link Mode#FUNCTION}, else null
 */
public record ToolChoice(Mode mode, String function) {

    public enum Mode { AUTO, NONE, REQUIRED, FUNCTION }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public static ToolChoice function(String name) {
        return new ToolChoice(Mode.FUNCTION, name);
    }
}
