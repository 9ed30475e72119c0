package dev.sluice.audit;

import dev.sluice.provider.ChatMessage;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * HMAC-SHA256 fingerprints of prompts: the same prompt always has the same fingerprint (so an
 * auditor can tell whether a known text was sent), but a fingerprint reveals nothing without
 * the key from {@code sluice.audit.hmac-key}.
 */
@Startup
@Singleton
public class PromptFingerprint {

    private static final Logger LOG = Logger.getLogger(PromptFingerprint.class);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * One initialised Mac per thread: {@code Mac.getInstance} looks the algorithm up in the
     * provider list on every call, which showed at every stream end on the event loops. A Mac is
     * reset by {@code doFinal}, so a thread's instance is reused; it is not thread-safe, hence
     * one per thread.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    PromptFingerprint(AuditConfig config) {
        this(key(config));
    }

    PromptFingerprint(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        // The first Mac.getInstance loads and verifies the JCE provider, which took seconds on a
        // loaded machine: do it at start, not on an event loop inside a client's first request.
        newMac();
    }

    /** The fingerprint of one text, {@code hmac-sha256:<64 hex digits>}. */
    public String of(String text) {
        return "hmac-sha256:" + HexFormat.of().formatHex(mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The fingerprint of messages as the client sent them: each {@code role}, NUL, content, NUL. */
    public String of(List<ChatMessage> messages) {
        Mac mac = mac();
        for (ChatMessage m : messages) {
            mac.update(m.role().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update((m.content() == null ? "" : m.content()).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
        }
        return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal());
    }

    /** This thread's Mac, reset: a use that failed half-way must not leak into the next fingerprint. */
    private Mac mac() {
        Mac mac = macs.get();
        mac.reset();
        return mac;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] key(AuditConfig config) {
        if (config.hmacKey().isPresent() && !config.hmacKey().get().isEmpty()) {
            return config.hmacKey().get().getBytes(StandardCharsets.UTF_8);
        }
        LOG.warn("sluice.audit.hmac-key is not set: prompt fingerprints use a random key for this process, "
                + "so they differ across restarts and replicas");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
