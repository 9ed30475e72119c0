package dev.sluice.api.common;

/**
 * A decoded request and how its ingress answers once the stream exists.
 */
public record IngressCall(StartRequest request, Reply reply) {

    /** What an ingress sends once its stream started: SSE through its encoder, a whole JSON reply, … */
    @FunctionalInterface
    public interface Reply {
        void answer(HttpDelivery delivery);
    }
}
