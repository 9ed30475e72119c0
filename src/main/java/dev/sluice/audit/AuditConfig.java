package dev.sluice.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/** The audit trail (README "Sessions, retention and audit"). */
@ConfigMapping(prefix = "sluice.audit")
public interface AuditConfig {

    /**
     * Key of the prompt fingerprints' HMAC-SHA256. Set it (from a secret) so fingerprints match
     * across restarts and replicas; random per process when unset. Never logged.
     */
    @WithName("hmac-key")
    Optional<String> hmacKey();
}
