package dev.sluice.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Profiles from configuration, through SmallRye Config as Quarkus maps it (no Quarkus start needed). */
class MaskingProfilesTest {

    private static MaskingProfiles profiles(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(shipped());
        props.putAll(extra);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(MaskingConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .build();
        return new MaskingProfiles(config.getConfigMapping(MaskingConfig.class), RedactionListener.NONE);
    }

    /** The {@code sluice.masking.*} lines of the shipped application.properties. */
    private static Map<String, String> shipped() {
        Properties p = new Properties();
        try (InputStream in = MaskingProfilesTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> masking = new HashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("sluice.masking.")).forEach(k -> masking.put(k, p.getProperty(k)));
        return masking;
    }

    @Test
    void shipsStandardAndOffWithOffAsTheDefault() {
        MaskingProfiles profiles = profiles(Map.of());
        assertEquals(List.of("off", "standard"), profiles.names());
        assertEquals("off", profiles.profile(null).name());
        MaskingProfile standard = profiles.profile("standard");
        assertEquals("standard", standard.name());
        assertEquals(true, standard.maskPrompts());
        assertEquals(64, standard.maxHoldback());
        assertEquals("[EMAIL] [PHONE] [CARD] [IBAN] [API_KEY] [JWT] 19***10",
                standard.redactAll("a@b.io 415-555-2671 4242424242424242 GB82WEST12345698765432 AKIAIOSFODNN7EXAMPLE "
                        + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln 192.168.1.10").text());
        MaskingProfile off = profiles.profile("off");
        assertEquals(false, off.maskPrompts());
        assertEquals("a@b.io 4242424242424242", off.redactAll("a@b.io 4242424242424242").text());
    }

    @Test
    void customPatternsTermsAndActionsComeFromConfiguration() {
        MaskingProfiles profiles = profiles(Map.of(
                "sluice.masking.default-profile", "strict",
                "sluice.masking.hash-key", "k1",
                "sluice.masking.profiles.strict.detectors.email", "hash",
                "sluice.masking.profiles.strict.detectors.terms", "drop",
                "sluice.masking.profiles.strict.terms", "project falcon,acme",
                "sluice.masking.profiles.strict.custom.ticket.pattern", "TCK-\\d{4}",
                "sluice.masking.profiles.strict.custom.ticket.action", "partial",
                "sluice.masking.profiles.strict.mask-prompts", "false"));
        MaskingProfile strict = profiles.defaultProfile();
        assertEquals("strict", strict.name());
        assertEquals(false, strict.maskPrompts());
        String out = strict.redactAll("TCK-1234 for Project Falcon to a@b.io").text();
        assertTrue(out.matches("TC\\*\\*\\*34 for  to \\[EMAIL:[0-9a-f]{8}]"), out);
    }

    @Test
    void anUnknownProfileIsAClearIllegalArgument() {
        UnknownMaskingProfileException e = assertThrows(UnknownMaskingProfileException.class,
                () -> profiles(Map.of()).profile("nope"));
        assertEquals("Unknown masking profile 'nope'; configured profiles: off, standard", e.getMessage());
    }

    @Test
    void anUnknownDetectorFailsNamingTheKey() {
        MaskingConfigException e = assertThrows(MaskingConfigException.class,
                () -> profiles(Map.of("sluice.masking.profiles.standard.detectors.emial", "mask")));
        assertEquals("sluice.masking.profiles.standard.detectors.emial", e.key());
        assertTrue(e.getMessage().contains("unknown detector 'emial'"), e.getMessage());
    }

    @Test
    void anUnknownActionFailsNamingTheKey() {
        MaskingConfigException e = assertThrows(MaskingConfigException.class,
                () -> profiles(Map.of("sluice.masking.profiles.standard.detectors.phone", "scramble")));
        assertEquals("sluice.masking.profiles.standard.detectors.phone", e.key());
        assertEquals("Invalid masking configuration sluice.masking.profiles.standard.detectors.phone: "
                + "unknown action 'scramble' (known: mask, partial, hash, drop, block)", e.getMessage());
    }

    @Test
    void aMalformedCustomPatternFailsNamingTheKey() {
        MaskingConfigException e = assertThrows(MaskingConfigException.class,
                () -> profiles(Map.of("sluice.masking.profiles.standard.custom.order.pattern", "ORD-(\\d+")));
        assertEquals("sluice.masking.profiles.standard.custom.order.pattern", e.key());
        assertTrue(e.getMessage().contains("malformed regular expression"), e.getMessage());
    }

    @Test
    void aCustomPatternMatchingNothingAtAllIsRejected() {
        MaskingConfigException e = assertThrows(MaskingConfigException.class,
                () -> profiles(Map.of("sluice.masking.profiles.standard.custom.any.pattern", "x*")));
        assertEquals("sluice.masking.profiles.standard.custom.any.pattern", e.key());
    }

    @Test
    void aMissingDefaultProfileAndABadWindowFailNamingTheKey() {
        assertEquals("sluice.masking.default-profile", assertThrows(MaskingConfigException.class,
                () -> profiles(Map.of("sluice.masking.default-profile", "strict"))).key());
        assertEquals("sluice.masking.max-holdback", assertThrows(MaskingConfigException.class,
                () -> profiles(Map.of("sluice.masking.max-holdback", "0"))).key());
    }

    @Test
    void aTermsActionWithoutTermsFailsNamingTheKey() {
        assertEquals("sluice.masking.profiles.standard.detectors.terms", assertThrows(MaskingConfigException.class,
                () -> profiles(Map.of("sluice.masking.profiles.standard.detectors.terms", "mask"))).key());
    }
}
