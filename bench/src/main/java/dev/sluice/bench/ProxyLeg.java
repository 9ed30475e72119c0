package dev.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where one leg of the proxy bench sends its streams and in which protocol: {@code direct}
 * (OpenAI chat completions on the mock itself), or through Sluice: {@code openai}
 * ({@code POST /v1/chat/completions}), {@code sse} ({@code POST /v1/streams} with
 * {@code Accept: text/event-stream}) or {@code ws} ({@code /v1/ws}); a {@code -masked} suffix
 * adds {@code "masking":"standard"} to every request. Direct and {@code openai} legs send the
 * same request bytes; only the address differs.
 */
record ProxyLeg(String name, Protocol protocol, boolean masking, String host, int port, boolean baseline) {

    enum Protocol { OPENAI, NATIVE_SSE, WS }

    static final String MODEL = "mock-model";
    /** The suffix of a target served by the baseline Sluice build. */
    static final String BASELINE = "@baseline";
    static final List<String> TARGETS = List.of("openai", "sse", "ws", "openai-masked", "sse-masked", "ws-masked");
    private static final String MESSAGES = "[{\"role\":\"system\",\"content\":\"You are a helpful assistant.\"},"
            + "{\"role\":\"user\",\"content\":\"Write a short story about a lighthouse keeper.\"}]";

    static ProxyLeg direct(String host, int port) {
        return new ProxyLeg("direct", Protocol.OPENAI, false, host, port, false);
    }

    /** A Sluice leg by target name ({@link #TARGETS}), with no baseline build. */
    static ProxyLeg sluice(String target, String host, int port) {
        return sluice(target, host, port, null, -1);
    }

    /**
     * A Sluice leg by target name ({@link #TARGETS}); a {@code @baseline} suffix sends it to the
     * baseline Sluice (another build, started beside this one by {@code proxy.sh}) at
     * {@code baselineHost:baselinePort} instead.
     */
    static ProxyLeg sluice(String target, String host, int port, String baselineHost, int baselinePort) {
        boolean baseline = target.endsWith(BASELINE);
        String path = baseline ? target.substring(0, target.length() - BASELINE.length()) : target;
        if (baseline && baselinePort <= 0) {
            throw new IllegalArgumentException("target '" + target + "' needs --baseline-url");
        }
        boolean masked = path.endsWith("-masked");
        Protocol protocol = switch (masked ? path.substring(0, path.length() - "-masked".length()) : path) {
            case "openai" -> Protocol.OPENAI;
            case "sse" -> Protocol.NATIVE_SSE;
            case "ws" -> Protocol.WS;
            default -> throw new IllegalArgumentException("unknown target '" + target + "' (known: " + TARGETS + ")");
        };
        return baseline ? new ProxyLeg(target, protocol, masked, baselineHost, baselinePort, true)
                : new ProxyLeg(target, protocol, masked, host, port, false);
    }

    boolean direct() {
        return name.equals("direct");
    }

    private String maskingField() {
        return masking ? ",\"masking\":\"standard\"" : "";
    }

    /** The JSON body of one request (HTTP legs). */
    String body() {
        return switch (protocol) {
            case OPENAI -> "{\"model\":\"" + MODEL + "\",\"messages\":" + MESSAGES
                    + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" + maskingField() + "}";
            case NATIVE_SSE -> "{\"model\":\"" + MODEL + "\",\"messages\":" + MESSAGES + maskingField() + "}";
            case WS -> throw new IllegalStateException("a WebSocket leg sends start messages");
        };
    }

    /** The whole HTTP/1.1 request of an HTTP leg, the same bytes for every stream. */
    byte[] httpRequest() {
        byte[] body = body().getBytes(StandardCharsets.UTF_8);
        String path = protocol == Protocol.OPENAI ? "/v1/chat/completions" : "/v1/streams";
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(body, 0, out, headBytes.length, body.length);
        return out;
    }

    /** The WebSocket {@code start} message of stream {@code id}. */
    String wsStart(String id) {
        return "{\"type\":\"start\",\"id\":\"" + id + "\",\"model\":\"" + MODEL + "\",\"messages\":" + MESSAGES + maskingField() + "}";
    }
}
