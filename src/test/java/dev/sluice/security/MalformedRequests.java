package dev.sluice.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of malformed requests to the public API: mutated and truncated JSON, wrong
 * types, huge strings, deep nesting, invalid UTF-8, wrong content types, random headers, methods
 * and paths. The same seed gives the same requests.
 */
final class MalformedRequests {

    record FuzzRequest(String kind, String method, String path, Map<String, String> headers, byte[] body) {}

    private static final String CHAT = """
            {"model":"sluice-echo","stream":%s,"max_tokens":5,"messages":[{"role":"user","content":"fuzz me"}],\
            "sluice":{"ttft_ms":0,"gap_ms":0,"tokens":5}}""";
    private static final String STREAM = """
            {"model":"sluice-echo","prompt":"fuzz me","max_tokens":5,"simulator":{"ttft_ms":0,"gap_ms":0,"tokens":5}}""";
    private static final String[] FIELDS = {"model", "messages", "prompt", "max_tokens", "stream", "n", "temperature",
        "stream_options", "background", "masking", "session", "max_completion_tokens"};
    private static final String[] VALUES = {"null", "true", "false", "0", "-1", "1e309", "3.5", "99999999999999999999",
        "\"\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}", "[{\"role\":\"user\"}]", "[{\"role\":7,\"content\":[]}]",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":5}]}]", "\"\\ud800\"", "\"\\u0000\""};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded", "application/json; charset=latin1", "garbage", "*/*", "application/jsonx"};

    private final Random random;

    MalformedRequests(long seed) {
        this.random = new Random(seed);
    }

    FuzzRequest next() {
        int kind = random.nextInt(12);
        return switch (kind) {
            case 0 -> body("mutated-json", mutate(base()));
            case 1 -> body("truncated-json", truncate(base()));
            case 2 -> body("wrong-type", wrongType(base()));
            case 3 -> body("huge-string", hugeString());
            case 4 -> body("deep-nesting", deepNesting());
            case 5 -> invalidUtf8();
            case 6 -> wrongContentType();
            case 7 -> randomHeaders();
            case 8 -> streamPath();
            case 9 -> randomPathAndMethod();
            case 10 -> body("random-bytes", randomBytes());
            default -> body("valid-or-near", random.nextInt(4) == 0 ? base() : mutate(mutate(base())));
        };
    }

    private String base() {
        return random.nextBoolean() ? STREAM : CHAT.formatted(random.nextBoolean());
    }

    private FuzzRequest body(String kind, String json) {
        return body(kind, json.getBytes(StandardCharsets.UTF_8));
    }

    private FuzzRequest body(String kind, byte[] bytes) {
        String[] paths = {"/v1/streams", "/v1/chat/completions", "/v1/sessions", "/v1/messages",
            "/v1/messages/count_tokens", "/v1/responses"};
        String path = paths[random.nextInt(paths.length)];
        return new FuzzRequest(kind, "POST", path, auth(jsonType()), bytes);
    }

    private Map<String, String> jsonType() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(10) > 0) {
            headers.put("Content-Type", "application/json");
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", "text/event-stream");
        }
        return headers;
    }

    /** Mostly the valid key; sometimes none, a wrong one or a malformed Authorization header. */
    private Map<String, String> auth(Map<String, String> headers) {
        int roll = random.nextInt(20);
        if (roll == 0) {
            return headers;
        }
        if (roll == 1) {
            headers.put("Authorization", "Bearer " + randomText(1 + random.nextInt(60)));
        } else if (roll == 2) {
            headers.put("Authorization", randomText(random.nextInt(30)));
        } else if (roll == 3) {
            headers.put("x-api-key", randomText(1 + random.nextInt(60)));
        } else {
            headers.put("Authorization", "Bearer " + TestKeys.ALPHA);
        }
        return headers;
    }

    private String mutate(String json) {
        StringBuilder text = new StringBuilder(json);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, "{}[]\",:\\0e-.tn \u00e9\u4e2d\ud83d\ude00".charAt(random.nextInt(18)));
                case 2 -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(20))));
                default -> text.replace(at, Math.min(text.length(), at + random.nextInt(10)), "");
            }
        }
        return text.toString();
    }

    private String truncate(String json) {
        return json.substring(0, random.nextInt(json.length()));
    }

    private String wrongType(String json) {
        String field = FIELDS[random.nextInt(FIELDS.length)];
        String value = VALUES[random.nextInt(VALUES.length)];
        String withField = json.replaceFirst("^\\{", "{\"" + field + "\":" + value + ",");
        // A later duplicate of the field wins in Jackson's tree; remove the original when present.
        return random.nextBoolean() ? withField : json.replace("\"" + field + "\":", "\"" + field + "\":" + value
                + ",\"_old_" + field + "\":");
    }

    private String hugeString() {
        int size = random.nextBoolean() ? 1000 + random.nextInt(3000) : 70_000 + random.nextInt(50_000);
        String big = "A\u00e9\ud83d\ude00".repeat(size / 4);
        // Fast and short when it is valid: the test is about the input, not a long generation.
        String fast = ",\"max_tokens\":5,\"sluice\":{\"ttft_ms\":0,\"gap_ms\":0},\"simulator\":{\"ttft_ms\":0,\"gap_ms\":0}}";
        return switch (random.nextInt(4)) {
            case 0 -> "{\"model\":\"" + big + "\",\"prompt\":\"x\"" + fast;
            case 1 -> "{\"model\":\"sluice-echo\",\"prompt\":\"" + big + "\"" + fast;
            case 2 -> "{\"model\":\"sluice-echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big + "\"}]"
                    + fast;
            default -> "{\"" + big + "\":1}";
        };
    }

    private String deepNesting() {
        int depth = 100 + random.nextInt(5000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(random.nextBoolean() ? depth : depth / 2);
        return random.nextBoolean() ? nested : "{\"model\":\"sluice-echo\",\"messages\":" + nested + "}";
    }

    private FuzzRequest invalidUtf8() {
        byte[] json = base().getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int at = random.nextInt(json.length);
        byte[] out = new byte[json.length + insert.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(json, at, out, at + insert.length, json.length - at);
        return body("invalid-utf8", out);
    }

    private FuzzRequest wrongContentType() {
        Map<String, String> headers = auth(new LinkedHashMap<>());
        headers.put("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
        byte[] body = random.nextBoolean() ? base().getBytes(StandardCharsets.UTF_8) : randomBytes();
        return new FuzzRequest("wrong-content-type", "POST",
                random.nextBoolean() ? "/v1/streams" : "/v1/chat/completions", headers, body);
    }

    private FuzzRequest randomHeaders() {
        Map<String, String> headers = auth(jsonType());
        int count = 1 + random.nextInt(8);
        String[] known = {"Accept", "Accept-Language", "Last-Event-ID", "Cache-Control", "X-Forwarded-For", "Cookie",
            "api-key", "User-Agent", "Accept-Charset", "If-None-Match"};
        for (int i = 0; i < count; i++) {
            String name = random.nextBoolean() ? known[random.nextInt(known.length)] : "X-Fuzz-" + randomToken(8);
            headers.put(name, randomText(random.nextInt(200)));
        }
        FuzzRequest request = random.nextBoolean() ? streamPath() : body("headers", mutate(base()));
        Map<String, String> merged = new LinkedHashMap<>(request.headers());
        merged.putAll(headers);
        return new FuzzRequest("random-headers", request.method(), request.path(), merged, request.body());
    }

    private FuzzRequest streamPath() {
        String id = switch (random.nextInt(4)) {
            case 0 -> "str_" + randomHex(32);
            case 1 -> "str_" + randomHex(random.nextInt(40));
            case 2 -> URLEncoder.encode(randomText(1 + random.nextInt(80)), StandardCharsets.UTF_8);
            default -> randomToken(1 + random.nextInt(300));
        };
        String[] shapes = {"/v1/streams/" + id, "/v1/streams/" + id + "/events",
            "/v1/streams/" + id + "/events?after=" + URLEncoder.encode(randomText(8), StandardCharsets.UTF_8),
            "/v1/sessions/" + id, "/v1/sessions/" + id + "/audit", "/v1/responses/" + id,
            "/v1/responses/" + id + "?stream=true&starting_after=" + URLEncoder.encode(randomText(8),
                    StandardCharsets.UTF_8)};
        String path = shapes[random.nextInt(shapes.length)];
        String method = path.endsWith("/events") || path.endsWith("/audit") || path.contains("?") ? "GET"
                : random.nextBoolean() ? "GET" : "DELETE";
        Map<String, String> headers = auth(new LinkedHashMap<>());
        if (random.nextBoolean()) {
            headers.put("Last-Event-ID", randomText(random.nextInt(30)));
        }
        return new FuzzRequest("stream-path", method, path, headers, new byte[0]);
    }

    private FuzzRequest randomPathAndMethod() {
        String[] methods = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
        String[] paths = {"/v1/chat/completions", "/v1/models", "/v1/streams", "/v1/ws", "/v1/nope",
            "/v1/" + randomToken(1 + random.nextInt(30)), "/v1/models/" + randomToken(10), "/v1/chat", "/v1/sessions",
            "/v1/sessions/" + randomToken(12) + "/audit"};
        String method = methods[random.nextInt(methods.length)];
        byte[] body = method.equals("GET") || method.equals("OPTIONS") ? new byte[0]
                : mutate(base()).getBytes(StandardCharsets.UTF_8);
        return new FuzzRequest("path-method", method, paths[random.nextInt(paths.length)], auth(jsonType()), body);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(2000)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Printable ASCII (header values must be). */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (32 + random.nextInt(95)));
        }
        return text.toString().trim();
    }

    private String randomToken(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private String randomHex(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return text.toString();
    }

    /**
     * Malformed WebSocket messages (text frames under the size limit). Lone surrogates become '?':
     * a WebSocket text frame must be valid UTF-8, and the JDK client refuses to send anything else.
     */
    String nextWsMessage() {
        return new String(wsMessage().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private String wsMessage() {
        String[] bases = {
            "{\"type\":\"start\",\"id\":\"f\",\"model\":\"sluice-echo\",\"prompt\":\"x\",\"simulator\":{\"ttft_ms\":0,\"gap_ms\":0,\"tokens\":3}}",
            "{\"type\":\"cancel\",\"streamId\":\"str_" + randomHex(32) + "\"}",
            "{\"type\":\"resume\",\"streamId\":\"str_" + randomHex(32) + "\",\"after\":3}"};
        String base = bases[random.nextInt(bases.length)];
        return switch (random.nextInt(8)) {
            case 0 -> mutate(base);
            case 1 -> truncate(base);
            case 2 -> wrongType(base).replace("\"model\":", "\"type\":" + VALUES[random.nextInt(VALUES.length)]
                    + ",\"model\":");
            case 3 -> "{\"type\":\"" + randomText(random.nextInt(100)).replace("\"", "").replace("\\", "") + "\"}";
            case 4 -> {
                String nested = deepNesting();
                yield nested.substring(0, Math.min(20_000, nested.length()));
            }
            case 5 -> randomText(random.nextInt(500));
            case 6 -> "{\"type\":\"start\",\"model\":\"sluice-echo\",\"prompt\":\"" + "z".repeat(3000) + "\"}";
            default -> wrongType(base);
        };
    }

    static List<String> kinds() {
        return new ArrayList<>(List.of("mutated-json", "truncated-json", "wrong-type", "huge-string", "deep-nesting",
                "invalid-utf8", "wrong-content-type", "random-headers", "stream-path", "path-method", "random-bytes",
                "valid-or-near"));
    }
}
