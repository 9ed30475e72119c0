package dev.sluice.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key file: flat "<key-id>.<setting>: <value>" lines, read as YAML users and properties users write them. */
class KeyFileParserTest {

    private static final String HASH = TestKeys.sha256("sk-example");

    @Test
    void readsEverySettingInYamlAndPropertiesStyle() throws Exception {
        List<ApiKey> keys = KeyFileParser.parse(new StringReader("""
                # comment
                team-a.sha256: "%s"
                team-a.tenant: acme
                team-a.models: [sluice-sim, "gpt"]
                team-a.masking: standard
                team-a.max-tokens: 4096
                team-a.rate.requests-per-minute: 60
                team-a.rate.tokens-per-minute: 100000
                team-a.rate.concurrent-streams: 4
                team_b.sha256=%s
                team_b.tenant=globex
                """.formatted(HASH, HASH.toUpperCase())), "keys.yaml");
        ApiKey a = keys.stream().filter(k -> k.keyId().equals("team-a")).findFirst().orElseThrow();
        assertEquals("acme", a.tenant());
        assertEquals(new KeySettings(Set.of("sluice-sim", "gpt"), 4096, 60, 100000, 4, "standard"), a.settings());
        assertArrayEquals(KeyRing.sha256("sk-example"), a.sha256());
        ApiKey b = keys.stream().filter(k -> k.keyId().equals("team_b")).findFirst().orElseThrow();
        assertEquals(KeySettings.UNLIMITED, b.settings());
        assertArrayEquals(KeyRing.sha256("sk-example"), b.sha256());
    }

    @Test
    void malformedEntriesStopTheStartWithAMessageNamingTheKeyId() {
        assertMessage("team.tenant: x\n", "team.sha256 must be 64 hex digits");
        assertMessage("team.sha256: abc\nteam.tenant: x\n", "team.sha256 must be 64 hex digits");
        assertMessage("team.sha256: " + HASH + "\n", "team.tenant is missing");
        assertMessage("team.sha256: " + HASH + "\nteam.tenant: x\nteam.color: red\n", "'team.color' is not");
        assertMessage("team.sha256: " + HASH + "\nteam.tenant: x\nteam.max-tokens: lots\n",
                "team.max-tokens must be a whole number");
    }

    private static void assertMessage(String file, String expected) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> KeyFileParser.parse(new StringReader(file), "keys.yaml"));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
