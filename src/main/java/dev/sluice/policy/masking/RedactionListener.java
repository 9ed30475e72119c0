package dev.sluice.policy.masking;

/**
 * Observes the redactor for metrics, without the core depending on Micrometer. Called on
 * the stream's thread; implementations must be cheap and never see the original text.
 */
public interface RedactionListener {

    RedactionListener NONE = new RedactionListener() {};

    /** One value was redacted. */
    default void redacted(String detector, MaskingAction action) {}

    /** A hold-back ended: the most characters it held at once (reported right after {@link #heldFor}). */
    default void heldBack(int chars) {}

    /** A hold-back ended (released, masked or flushed): how long characters were held without a break. */
    default void heldFor(long nanos) {}
}
