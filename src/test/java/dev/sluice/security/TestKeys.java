package dev.sluice.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** The API keys of {@link KeyedProfile}; the key texts are planted so tests can look for leaks. */
final class TestKeys {

    static final String ALPHA = "sk-alpha-PLANTED-7f3a9c";
    static final String BRAVO = "sk-bravo-PLANTED-0b61e2";
    static final String LIMITED_REQUESTS = "sk-limited-requests-PLANTED";
    static final String LIMITED_TOKENS = "sk-limited-tokens-PLANTED";
    static final String LIMITED_STREAMS = "sk-limited-streams-PLANTED";
    static final String CAPPED = "sk-capped-PLANTED";
    static final String FROM_FILE = "sk-from-file-PLANTED";
    static final String WRONG = "sk-wrong-PLANTED-ffff";

    private TestKeys() {}

    static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
