package dev.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mock over a real socket: OpenAI's chunk sequence, overrides, keep-alive, the other endpoints. */
class MockUpstreamTest {

    private static MockUpstream mock;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        mock = new MockUpstream(new MockSettings(4, 0, 0, " tok"), "mock-model");
        port = mock.start(0, 1);
    }

    @AfterAll
    static void stop() {
        mock.stop();
    }

    private static final String STREAM_BODY = "{\"model\":\"gpt-x\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"sixteen chars!!!\"}]}";

    @Test
    void aStreamIsRoleTokensFinishUsageDone() throws Exception {
        Response r = exchange(List.of(post("/v1/chat/completions", STREAM_BODY, ""))).get(0);
        assertEquals(200, r.status);
        assertTrue(r.head.contains("content-type: text/event-stream; charset=utf-8"), r.head);
        assertTrue(r.head.contains("transfer-encoding: chunked"), r.head);
        List<String> data = dataLines(r.body);
        assertEquals(4 + 4, data.size(), r.body); // role, 4 tokens, finish, usage, [DONE]
        String id = new JsonObject(data.get(0)).getString("id");
        assertTrue(id.startsWith("chatcmpl-"), id);
        for (int i = 0; i < 7; i++) {
            JsonObject o = new JsonObject(data.get(i));
            assertEquals(id, o.getString("id"));
            assertEquals("chat.completion.chunk", o.getString("object"));
            assertEquals("gpt-x", o.getString("model"));
        }
        assertEquals("assistant", delta(data.get(0)).getString("role"));
        for (int i = 1; i <= 4; i++) {
            assertEquals(" tok", delta(data.get(i)).getString("content"));
            assertTrue(new JsonObject(data.get(i)).containsKey("usage"));
        }
        assertEquals("stop", new JsonObject(data.get(5)).getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        JsonObject usage = new JsonObject(data.get(6));
        assertTrue(usage.getJsonArray("choices").isEmpty());
        assertEquals(4, usage.getJsonObject("usage").getInteger("completion_tokens"));
        assertEquals(4, usage.getJsonObject("usage").getInteger("prompt_tokens")); // 16 characters / 4
        assertEquals("[DONE]", data.get(7));
    }

    @Test
    void headersAndQueryOverrideTheDefaultsAndTheConnectionIsKeptAlive() throws Exception {
        String noUsage = "{\"model\":\"m\",\"stream\":true,\"messages\":[]}";
        List<Response> rs = exchange(List.of(
                post("/v1/chat/completions?tokens=2&text=%20q", noUsage, ""),
                post("/v1/chat/completions?tokens=9", noUsage, "x-mock-tokens: 1\r\nx-mock-text: \u00e9\r\nx-mock-delay-ms: 1\r\n")));
        List<String> first = dataLines(rs.get(0).body);
        assertEquals(List.of(" q", " q"), List.of(delta(first.get(1)).getString("content"), delta(first.get(2)).getString("content")));
        assertEquals(5, first.size()); // role, 2 tokens, finish, [DONE]: no usage chunk without include_usage
        assertTrue(!new JsonObject(first.get(1)).containsKey("usage"));
        List<String> second = dataLines(rs.get(1).body);
        assertEquals(4, second.size());
        assertEquals("\u00e9", delta(second.get(1)).getString("content"));
    }

    @Test
    void nonStreamingModelsStatsAndConfig() throws Exception {
        List<Response> rs = exchange(List.of(
                post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ""),
                "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /mock/stats HTTP/1.1\r\nHost: x\r\n\r\n"));
        JsonObject completion = new JsonObject(rs.get(0).body);
        assertEquals("chat.completion", completion.getString("object"));
        assertEquals(" tok tok tok tok", completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("mock-model", new JsonObject(rs.get(1).body).getJsonArray("data").getJsonObject(0).getString("id"));
        assertEquals(404, rs.get(2).status);
        assertEquals("invalid_request_error", new JsonObject(rs.get(2).body).getJsonObject("error").getString("type"));
        assertTrue(new JsonObject(rs.get(3).body).getLong("tokens") >= 4);
    }

    @Test
    void configChangesTheProcessDefaults() throws Exception {
        MockUpstream other = new MockUpstream(MockSettings.defaults(), "mock-model");
        int p = other.start(0, 1);
        try {
            Response r = exchange(p, List.of("POST /mock/config?tokens=3&delay_ms=0&text=%20z HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
                    post("/v1/chat/completions", STREAM_BODY, ""))).get(1);
            List<String> data = dataLines(r.body);
            assertEquals(1 + 3 + 3, data.size());
            assertEquals(" z", delta(data.get(3)).getString("content"));
            assertEquals(3, other.defaults().tokens());
        } finally {
            other.stop();
        }
    }

    private static JsonObject delta(String data) {
        return new JsonObject(data).getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
    }

    private static String post(String path, String body, String headers) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static List<String> dataLines(String sse) {
        List<String> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("data: ")) {
                out.add(event.substring(6));
            }
        }
        return out;
    }

    private record Response(int status, String head, String body) {
    }

    private static List<Response> exchange(List<String> requests) throws IOException {
        return exchange(port, requests);
    }

    /** Sends the requests one after another on one connection, each after the previous response ended. */
    private static List<Response> exchange(int port, List<String> requests) throws IOException {
        List<Response> out = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream os = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String request : requests) {
                os.write(request.getBytes(StandardCharsets.UTF_8));
                os.flush();
                out.add(read(in));
            }
        }
        return out;
    }

    private static Response read(InputStream in) throws IOException {
        int[] status = {0};
        boolean[] ended = {false};
        StringBuilder head = new StringBuilder();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        Http1ResponseParser parser = new Http1ResponseParser(new Http1ResponseParser.Handler() {
            @Override
            public void onHead(int s) {
                status[0] = s;
            }

            @Override
            public void onBody(ByteBuf buffer, int index, int length) {
                byte[] b = new byte[length];
                buffer.getBytes(index, b);
                body.writeBytes(b);
            }

            @Override
            public void onEnd(boolean keepAlive) {
                ended[0] = true;
            }
        });
        byte[] buffer = new byte[8192];
        boolean inHead = true;
        while (!ended[0]) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed before the response ended");
            }
            if (inHead) {
                String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                head.append(end < 0 ? text : text.substring(0, end));
                inHead = end < 0;
            }
            parser.feed(Unpooled.wrappedBuffer(buffer, 0, n));
        }
        return new Response(status[0], head.toString().toLowerCase(java.util.Locale.ROOT),
                body.toString(StandardCharsets.UTF_8));
    }
}
