package dev.sluice.security;

import dev.sluice.security.refusal.Refusal;
import dev.sluice.security.refusal.RefusedException;

/**
 * The refusal of a model the key may not use, the same for streams and calls: it reads like the
 * answer for a model that does not exist, so a key learns nothing about models it may not use.
 */
final class ModelRefusal {

    private ModelRefusal() {}

    static RefusedException of(String model) {
        return RefusedException.of(Refusal.Reason.NOT_FOUND, "model", "model_not_found",
                "The model '" + abbreviate(model) + "' does not exist or you do not have access to it.");
    }

    /** Model names are client input: echo a bounded prefix only. */
    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
