package dev.sluice.provider;

import java.util.List;

/** A bare model name that the patterns of several providers match equally well: the client must say which. */
public class AmbiguousModelException extends RuntimeException {

    public AmbiguousModelException(String model, List<String> providers) {
        super("The model '" + shorten(model) + "' could be served by the providers " + providers
                + "; name one as a prefix, e.g. '" + providers.get(0) + "/" + shorten(model) + "'.", null, false, false);
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
