package dev.sluice.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams the body of one upstream POST as it arrives, never buffering it whole. A non-2xx
 * status or an unexpected content type fails the stream with a mapped {@link
 * dev.sluice.provider.ProviderException}. Cancelling the returned {@code Multi} resets the
 * request, which closes the HTTP/1.1 connection: the upstream stops generating.
 */
public final class UpstreamClient {

    private final String provider;
    private final HttpClient client;

    public UpstreamClient(Vertx vertx, HttpProviderSettings settings) {
        this.provider = settings.name();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeouts().connect().toMillis()))
                // Streams live for minutes, one per connection: a pool smaller than the streams in
                // flight queues requests (Vert.x's default is 5; the fixed 512 this was before made
                // the 489th-and-later of 1,000 concurrent streams wait seconds for their first token).
                .setMaxPoolSize(settings.maxConnections())
                .setKeepAlive(true));
    }

    /**
     * @param mediaTypes the acceptable response media types (lower case, without parameters)
     */
    public Multi<Buffer> post(String url, Map<String, String> headers, JsonNode body, Set<String> mediaTypes) {
        return Multi.createFrom().deferred(() -> {
            AtomicReference<HttpClientRequest> request = new AtomicReference<>();
            AtomicReference<HttpClientResponse> response = new AtomicReference<>();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url);
            headers.forEach(options::putHeader);
            options.putHeader("Content-Type", "application/json");
            options.putHeader("Accept", String.join(", ", mediaTypes));
            return client.request(options)
                    .onItem().invoke(request::set)
                    .onItem().transformToUni(r -> r.send(Buffer.buffer(UpstreamJson.bytes(body))))
                    .onItem().invoke(response::set)
                    .onItem().transformToMulti(r -> body(r, mediaTypes))
                    .onFailure().transform(f -> UpstreamErrors.forFailure(provider, f))
                    .onFailure().invoke(f -> reset(request, response))
                    .onCancellation().invoke(() -> reset(request, response));
        });
    }

    private Multi<Buffer> body(HttpClientResponse response, Set<String> mediaTypes) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return Multi.createFrom().failure(UpstreamErrors.forStatus(provider, status,
                    response.getHeader("Retry-After")));
        }
        String contentType = response.getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaTypes.contains(mediaType)) {
            return Multi.createFrom().failure(UpstreamErrors.badResponse(provider,
                    "expected a streamed response (" + String.join(" or ", mediaTypes) + ") but got '"
                            + (mediaType.isEmpty() ? "no content type" : mediaType) + "'"));
        }
        return response.toMulti();
    }

    /**
     * Resetting an HTTP/1.1 request closes its connection; after a complete response it is a
     * no-op. The body's handlers are replaced first: nobody reads it any more, and the reset's
     * own exception must not surface as a dropped error.
     */
    private static void reset(AtomicReference<HttpClientRequest> request,
                              AtomicReference<HttpClientResponse> response) {
        HttpClientResponse body = response.get();
        try {
            if (body != null) {
                body.exceptionHandler(ignored -> { });
                body.handler(ignored -> { });
                body.endHandler(() -> { });
            }
            HttpClientRequest r = request.get();
            if (r != null) {
                r.reset();
            }
        } catch (IllegalStateException alreadyEnded) {
            // the response already ended (or its connection closed): nothing left to release
        }
    }

    public void close() {
        client.closeAndForget();
    }

    /**
     * Posts a request answered with one JSON object (embeddings), read whole up to {@code maxBytes}.
     * Failures map as for streams (status, transport, a wrong content type, a body past the limit
     * or not JSON); cancelling resets the request, which closes its connection.
     */
    public io.smallrye.mutiny.Uni<JsonNode> postForJson(String url, Map<String, String> headers, JsonNode body,
                                                        long maxBytes) {
        return io.smallrye.mutiny.Uni.createFrom().deferred(() -> {
            AtomicReference<HttpClientRequest> request = new AtomicReference<>();
            AtomicReference<HttpClientResponse> response = new AtomicReference<>();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url);
            headers.forEach(options::putHeader);
            options.putHeader("Content-Type", "application/json");
            options.putHeader("Accept", "application/json");
            return client.request(options)
                    .onItem().invoke(request::set)
                    .onItem().transformToUni(r -> r.send(Buffer.buffer(UpstreamJson.bytes(body))))
                    .onItem().invoke(response::set)
                    .onItem().transformToUni(r -> json(r, maxBytes))
                    .onFailure().transform(f -> UpstreamErrors.forFailure(provider, f))
                    .onFailure().invoke(f -> reset(request, response))
                    .onCancellation().invoke(() -> reset(request, response));
        });
    }

    private io.smallrye.mutiny.Uni<JsonNode> json(HttpClientResponse response, long maxBytes) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return io.smallrye.mutiny.Uni.createFrom().failure(UpstreamErrors.forStatus(provider, status,
                    response.getHeader("Retry-After")));
        }
        String contentType = response.getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            return io.smallrye.mutiny.Uni.createFrom().failure(UpstreamErrors.badResponse(provider,
                    "expected a JSON answer but got '" + (mediaType.isEmpty() ? "no content type" : mediaType) + "'"));
        }
        return response.toMulti().collect().in(() -> Buffer.buffer(), (whole, piece) -> {
            if (whole.length() + piece.length() > maxBytes) {
                throw UpstreamErrors.badResponse(provider, "the answer is larger than " + maxBytes + " bytes");
            }
            whole.appendBuffer(piece);
        }).map(whole -> UpstreamJson.parse(provider, whole.toString(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
