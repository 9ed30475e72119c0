package dev.sluice.api.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.model.Channel;
import dev.sluice.model.StreamEvent;
import org.junit.jupiter.api.Test;

/** The hand-written delta encoding is byte for byte what Jackson writes. */
class EventJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final EventJson json = new EventJson(mapper);

    @Test
    void deltasMatchJacksonForAwkwardText() throws Exception {
        String[] texts = {"plain", "", "\"quoted\" \\ back", "tab\tnew\nline\r\u0000\u001f", "東京 👩‍💻 é",
                "\u2028\u2029", "</script>", "a\uD83D"};
        double[] ats = {0.0, 1.5, 201.347, 12345678.901, 1e-3};
        for (String text : texts) {
            for (double at : ats) {
                for (Channel channel : Channel.values()) {
                    StreamEvent.Text event = new StreamEvent.Text("str_0123456789abcdef0123456789abcdef", 42, at,
                            channel, text, 3);
                    assertEquals(mapper.writeValueAsString(event), json.write(event), text + " @ " + at);
                }
            }
        }
    }
}
