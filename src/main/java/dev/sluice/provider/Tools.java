package dev.sluice.provider;

import java.util.List;

/**
 * The tools a request offers the model, decoded from whichever API it came in by.
 *
 * @param choice   the request's tool choice, or null when it named none (the upstream's default)
 * @param parallel whether the model may call several tools in one turn, or null when unsaid
 */
public record Tools(List<ToolDefinition> definitions, ToolChoice choice, Boolean parallel) {

    public static final Tools NONE = new Tools(List.of(), null, null);

    public Tools {
        definitions = definitions == null ? List.of() : List.copyOf(definitions);
    }

    public boolean offered() {
        return !definitions.isEmpty();
    }
}
