package dev.sluice.api.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.RoutingContext;

/**
 * An ingress's one job before the shared path: its wire request (a parsed JSON object, plus
 * headers where the API carries fields in them) to the one {@link StartRequest} and the way it
 * wants to be answered. Bad input is thrown as {@link InvalidRequestException}, which the path
 * answers in the ingress's {@link ErrorShape}.
 */
@FunctionalInterface
public interface RequestMapper {

    IngressCall map(JsonNode body, RoutingContext ctx);
}
