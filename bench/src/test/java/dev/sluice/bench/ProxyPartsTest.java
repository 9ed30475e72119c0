package dev.sluice.bench;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smaller parts the proxy bench's figures rest on: frame types, workload names, request bytes. */
class ProxyPartsTest {

    @Test
    void webSocketFrameTypes() {
        assertEquals(WsFrames.Type.DELTA, type("{\"type\":\"delta\",\"streamId\":\"s\",\"seq\":1,\"text\":\"\\\"type\\\":\\\"done\\\"\"}"));
        assertEquals(WsFrames.Type.STARTED, type("{\"type\":\"started\",\"id\":\"c1\",\"streamId\":\"s\"}"));
        assertEquals(WsFrames.Type.DONE, type("{\"type\" : \"done\",\"finishReason\":\"stop\"}"));
        assertEquals(WsFrames.Type.ERROR, type("{\"type\":\"error\",\"code\":\"upstream_error\"}"));
        assertEquals(WsFrames.Type.REJECTED, type("{\"type\":\"rejected\",\"id\":null}"));
        assertEquals(WsFrames.Type.OTHER, type("{\"type\":\"usage\"}"));
        assertEquals(WsFrames.Type.OTHER, type("{\"seq\":1}"));
        // a "type" inside a string value is escaped, so the key after it is found
        assertEquals(WsFrames.Type.DONE, type("{\"note\":\"\\\"type\\\":\\\"delta\\\"\",\"type\":\"done\"}"));
    }

    private static WsFrames.Type type(String json) {
        return WsFrames.type(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void workloadNames() {
        ProxyWorkload w = ProxyWorkload.parse("c1000-20ms", 256, 0);
        assertEquals(1000, w.concurrency());
        assertEquals(20, w.delayMs());
        assertEquals(256, w.tokens());
        assertEquals(5120, w.streamMillis());
        assertEquals(512, ProxyWorkload.parse("c64-0ms-t512", 256, 0).tokens());
        assertThrows(IllegalArgumentException.class, () -> ProxyWorkload.parse("64-5ms", 256, 0));
        assertThrows(IllegalArgumentException.class, () -> ProxyWorkload.parse("c0-5ms", 256, 0));
    }

    @Test
    void directAndOpenAiLegsSendTheSameBodyAndMaskedLegsAskForMasking() {
        ProxyLeg direct = ProxyLeg.direct("127.0.0.1", 1);
        ProxyLeg openai = ProxyLeg.sluice("openai", "127.0.0.1", 2);
        assertEquals(direct.body(), openai.body());
        assertTrue(direct.body().contains("\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertFalse(direct.body().contains("masking"));
        assertTrue(ProxyLeg.sluice("openai-masked", "127.0.0.1", 2).body().endsWith(",\"masking\":\"standard\"}"));
        assertTrue(ProxyLeg.sluice("sse-masked", "127.0.0.1", 2).body().contains("\"masking\":\"standard\""));
        assertTrue(ProxyLeg.sluice("ws", "127.0.0.1", 2).wsStart("c7").startsWith("{\"type\":\"start\",\"id\":\"c7\",\"model\":\"mock-model\""));
        String request = new String(ProxyLeg.sluice("sse", "127.0.0.1", 2).httpRequest(), StandardCharsets.UTF_8);
        assertTrue(request.startsWith("POST /v1/streams HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nAccept: text/event-stream\r\n"), request);
        String body = request.substring(request.indexOf("\r\n\r\n") + 4);
        assertTrue(request.contains("Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"));
        assertThrows(IllegalArgumentException.class, () -> ProxyLeg.sluice("grpc", "127.0.0.1", 2));
        assertEquals(List.of("openai", "sse", "ws", "openai-masked", "sse-masked", "ws-masked"), ProxyLeg.TARGETS);
    }

    @Test
    void baselineLegsGoToTheBaselineBuildWithTheSameRequest() {
        ProxyLeg current = ProxyLeg.sluice("sse-masked", "127.0.0.1", 2, "127.0.0.1", 3);
        ProxyLeg baseline = ProxyLeg.sluice("sse-masked@baseline", "127.0.0.1", 2, "127.0.0.1", 3);
        assertFalse(current.baseline());
        assertEquals(2, current.port());
        assertTrue(baseline.baseline());
        assertEquals(3, baseline.port());
        assertEquals("sse-masked@baseline", baseline.name());
        assertEquals(current.body(), baseline.body());
        assertEquals(ProxyLeg.Protocol.NATIVE_SSE, baseline.protocol());
        assertThrows(IllegalArgumentException.class, () -> ProxyLeg.sluice("openai@baseline", "127.0.0.1", 2));
    }

    @Test
    void mockSettingsOverrides() {
        MockSettings d = MockSettings.defaults();
        assertEquals(new MockSettings(256, 0, 0, " tok"), d);
        MockSettings s = d.with(java.util.Map.of("tokens", List.of("3"), "delay_ms", List.of("5")),
                name -> name.equals("x-mock-tokens") ? "7" : null);
        assertEquals(new MockSettings(7, 0, 5, " tok"), s);
        assertThrows(IllegalArgumentException.class, () -> d.with(java.util.Map.of("tokens", List.of("x")), name -> null));
        assertThrows(IllegalArgumentException.class, () -> d.with(java.util.Map.of("text", List.of("")), name -> null));
    }
}
