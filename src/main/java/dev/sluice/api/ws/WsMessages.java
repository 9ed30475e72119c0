package dev.sluice.api.ws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.http.ApiError;

/** The frames the server sends besides stream events. */
final class WsMessages {

    private WsMessages() {}

    /** A {@code start} was accepted: the client's request id and the new stream's id. */
    static String started(String requestId, String streamId, String model) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "started");
        node.put("id", requestId);
        node.put("streamId", streamId);
        node.put("model", model);
        return node.toString();
    }

    /** A client message could not be acted on; the connection stays open. */
    static String rejected(String requestId, String streamId, ApiError error) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", "rejected");
        node.put("id", requestId);
        node.put("streamId", streamId);
        node.set("error", error.inner());
        return node.toString();
    }
}
