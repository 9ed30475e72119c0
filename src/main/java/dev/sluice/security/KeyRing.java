package dev.sluice.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The configured API keys. A presented key is hashed and compared with every configured hash in
 * constant time, so neither the comparison nor the number of keys checked says how close a guess
 * was. Loaded once at start; a malformed entry stops the start with a message naming the key id.
 */
@Startup
@ApplicationScoped
public class KeyRing {

    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    private final List<ApiKey> keys;

    KeyRing(AuthConfig config) {
        List<ApiKey> loaded = new ArrayList<>();
        config.keys().forEach((keyId, key) -> loaded.add(key("sluice.auth.keys", keyId, key.sha256(), key.tenant(),
                new HashSet<>(key.models().orElse(List.of())), key.maxTokens().orElse(0),
                key.rate().requestsPerMinute().orElse(0), key.rate().tokensPerMinute().orElse(0),
                key.rate().concurrentStreams().orElse(0), key.masking().orElse(null))));
        config.keysFile().filter(f -> !f.isBlank()).ifPresent(file -> loaded.addAll(readFile(Path.of(file))));
        Set<String> ids = new HashSet<>();
        for (ApiKey key : loaded) {
            if (!ids.add(key.keyId())) {
                throw new IllegalStateException("API key id '" + key.keyId() + "' is configured twice");
            }
        }
        this.keys = List.copyOf(loaded);
        if (keys.isEmpty()) {
            LOG.warn("No API keys are configured: Sluice runs OPEN and anyone who reaches it can start streams. "
                    + "Configure sluice.auth.keys.<key-id>.sha256/.tenant or sluice.auth.keys-file (README, "
                    + "\"API keys, tenants and limits\").");
        } else {
            LOG.infof("API keys: %d key(s) for %d tenant(s)", keys.size(),
                    keys.stream().map(ApiKey::tenant).distinct().count());
        }
    }

    /** True when no key is configured: every request is served as {@link Principal#ANONYMOUS}. */
    public boolean open() {
        return keys.isEmpty();
    }

    public int size() {
        return keys.size();
    }

    /** The principal of a presented key, or empty when it matches no configured key. */
    public Optional<Principal> authenticate(String presentedKey) {
        byte[] hash = sha256(presentedKey);
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(hash, key.sha256()) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match).map(ApiKey::principal);
    }

    static ApiKey key(String source, String keyId, String sha256, String tenant, Set<String> models, int maxTokens,
                      int requestsPerMinute, int tokensPerMinute, int concurrentStreams, String masking) {
        if (keyId.isBlank() || !keyId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalStateException(source + ": key id '" + keyId + "' may only hold letters, digits, - and _");
        }
        String hex = sha256 == null ? "" : sha256.trim().toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalStateException(source + ": " + keyId + ".sha256 must be 64 hex digits, the output of "
                    + "printf %s \"$KEY\" | sha256sum");
        }
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalStateException(source + ": " + keyId + ".tenant is missing");
        }
        return new ApiKey(keyId, tenant.trim(), HexFormat.of().parseHex(hex),
                new KeySettings(models, maxTokens, requestsPerMinute, tokensPerMinute, concurrentStreams,
                        masking == null || masking.isBlank() ? null : masking.trim()));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static List<ApiKey> readFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return KeyFileParser.parse(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("sluice.auth.keys-file " + file + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
    }
}
