package dev.sluice.policy.masking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Masking profiles and the redactor's window.
 *
 * <pre>
 * sluice.masking.default-profile=standard
 * sluice.masking.max-holdback=64
 * sluice.masking.hash-key=${SLUICE_MASKING_HASH_KEY}
 * sluice.masking.profiles.standard.detectors.email=mask
 * sluice.masking.profiles.standard.detectors.ip=partial
 * sluice.masking.profiles.standard.custom.employee-id.pattern=EMP-\\d{6}
 * sluice.masking.profiles.standard.custom.employee-id.action=hash
 * sluice.masking.profiles.standard.terms=project falcon,acme
 * sluice.masking.profiles.standard.mask-prompts=true
 * </pre>
 */
@ConfigMapping(prefix = "sluice.masking")
public interface MaskingConfig {

    /** The profile used when a session or request names none. */
    @WithName("default-profile")
    @WithDefault("standard")
    String defaultProfile();

    /** Most characters a stream's redactor holds back waiting to see whether they match. */
    @WithName("max-holdback")
    @WithDefault("64")
    int maxHoldback();

    /** Key of the {@code hash} action's HMAC-SHA256; random per process when unset. Never logged. */
    @WithName("hash-key")
    Optional<String> hashKey();

    /** Profiles by name. */
    Map<String, Profile> profiles();

    interface Profile {

        /** Built-in detector ({@code email}, {@code phone}, {@code card}, {@code iban}, {@code ip},
         *  {@code api_key}, {@code jwt}, {@code terms}) → action ({@code mask}, {@code partial},
         *  {@code hash}, {@code drop}, {@code block}). */
        Map<String, String> detectors();

        /** Custom regular expressions by name. */
        Map<String, Custom> custom();

        /** Deny-listed terms, matched case-insensitively as whole words; action from {@code detectors.terms}. */
        Optional<List<String>> terms();

        /** Whether prompts are masked before they go upstream. */
        @WithName("mask-prompts")
        @WithDefault("true")
        boolean maskPrompts();

        /** Whether sessions with this profile may use {@code full} retention (original prompt text kept). */
        @WithName("allow-full-retention")
        @WithDefault("false")
        boolean allowFullRetention();
    }

    interface Custom {

        /** A Java regular expression; must not match the empty string. */
        String pattern();

        /** What to do with a match. */
        @WithDefault("mask")
        String action();
    }
}
