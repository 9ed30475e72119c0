package dev.sluice.session;

import dev.sluice.policy.masking.MaskingProfile;
import dev.sluice.policy.masking.MaskingProfiles;
import dev.sluice.policy.retention.RetentionPolicy;
import dev.sluice.provider.ChatMessage;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates and finds sessions for their tenant. A session belongs to the tenant of the key that
 * created it: for anyone else it does not exist (the same 404 as an unknown id). Built at start,
 * so a bad {@code sluice.sessions.*} value fails the start with its key named.
 */
@Startup
@ApplicationScoped
public class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private final SessionStore store;
    private final MaskingProfiles profiles;
    private final SessionConfig config;
    private final HistoryTurns turns;
    private final SessionMetrics metrics;

    Sessions(SessionStore store, MaskingProfiles profiles, SessionConfig config, HistoryTurns turns,
             SessionMetrics metrics) {
        this.store = store;
        this.profiles = profiles;
        this.config = config;
        this.turns = turns;
        this.metrics = metrics;
        RetentionPolicy.parse(config.defaultRetention()).orElseThrow(() -> new IllegalStateException(
                "sluice.sessions.default-retention: unknown retention policy '" + config.defaultRetention()
                        + "' (use none, metadata, redacted or full)"));
    }

    /**
     * Validates the spec against configuration and stores the new session.
     *
     * @param keyMasking the caller's key's default masking profile, or null
     * @throws SessionRequestException (400) for an invalid spec
     * @throws dev.sluice.policy.masking.UnknownMaskingProfileException (400) for an unknown profile
     */
    public Uni<Session> create(SessionSpec spec, String tenant, String keyId, String keyMasking) {
        String id = spec.id() == null ? newId() : validClientId(spec.id());
        String profileName = spec.maskingProfile() != null ? spec.maskingProfile() : keyMasking;
        MaskingProfile profile = profiles.profile(profileName);
        RetentionPolicy retention = retention(spec.retention() != null ? spec.retention() : config.defaultRetention());
        if (retention == RetentionPolicy.FULL && !profile.allowFullRetention()) {
            throw new SessionRequestException("retention", "retention_not_allowed", "Retention 'full' keeps original "
                    + "text, which the masking profile '" + profile.name() + "' does not allow (set "
                    + "sluice.masking.profiles." + profile.name() + ".allow-full-retention=true).");
        }
        long ttl = spec.ttlSeconds() != null ? spec.ttlSeconds() : config.defaultTtl().toSeconds();
        if (ttl < 1 || ttl > config.maxTtl().toSeconds()) {
            throw new SessionRequestException("ttl_seconds", "invalid_value", "'ttl_seconds' must be between 1 and "
                    + config.maxTtl().toSeconds() + ".");
        }
        int budget = spec.contextBudget() != null ? spec.contextBudget() : config.defaultContextBudget();
        if (spec.history().size() > config.maxHistoryTurns()) {
            throw new SessionRequestException("history", "too_many_messages", "'history' has "
                    + spec.history().size() + " messages; a session keeps at most " + config.maxHistoryTurns() + ".");
        }
        for (ChatMessage m : spec.history()) {
            if ("system".equals(m.role())) {
                throw new SessionRequestException("history", "invalid_value",
                        "'history' must not contain system messages; use 'system' for the session's system message.");
            }
        }
        long now = System.currentTimeMillis();
        List<Turn> history = turns.of(spec.history(), profile, retention, null, now);
        Session session = new Session(id, tenant, keyId, profile.name(), retention, ttl, budget, spec.systemMessage(),
                now, now + ttl * 1000, history, List.of(), null, spec.attributes());
        return store.create(session).map(created -> {
            if (!created) {
                throw new SessionExistsException(id);
            }
            metrics.created();
            return session;
        });
    }

    /** The tenant's session; fails with {@link UnknownSessionException} when absent, expired or another tenant's. */
    public Uni<Session> find(String id, String tenant) {
        if (id == null || !CLIENT_ID.matcher(id).matches()) {
            return Uni.createFrom().failure(new UnknownSessionException(id));
        }
        return store.find(id).map(found -> found.filter(s -> s.tenant().equals(tenant == null ? "" : tenant))
                .orElseThrow(() -> new UnknownSessionException(id)));
    }

    public static RetentionPolicy retention(String value) {
        return RetentionPolicy.parse(value).orElseThrow(() -> new SessionRequestException("retention",
                "invalid_value", "Unknown retention policy '" + abbreviate(value)
                        + "'; use none, metadata, redacted or full."));
    }

    private static String validClientId(String id) {
        if (!CLIENT_ID.matcher(id).matches()) {
            throw new SessionRequestException("id", "invalid_value", "'id' must be 1 to 128 letters, digits or "
                    + "'_', '.', ':', '-', starting with a letter or digit.");
        }
        return id;
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "ses_" + HexFormat.of().formatHex(bytes);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
