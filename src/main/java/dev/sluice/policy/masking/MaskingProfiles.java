package dev.sluice.policy.masking;

import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jboss.logging.Logger;

/**
 * The configured masking profiles, built and validated once at start: an unknown detector or
 * action, or a malformed custom pattern, fails the start with the offending key named.
 */
@Startup
@Singleton
public class MaskingProfiles {

    private static final Logger LOG = Logger.getLogger(MaskingProfiles.class);
    private static final String PREFIX = "sluice.masking.";

    private final Map<String, MaskingProfile> profiles = new TreeMap<>();
    private final String defaultName;

    @Inject
    public MaskingProfiles(MaskingConfig config, RedactionListener listener) {
        if (config.maxHoldback() < 1) {
            throw new MaskingConfigException(PREFIX + "max-holdback", "must be at least 1, was " + config.maxHoldback());
        }
        byte[] key = hashKey(config.hashKey());
        config.profiles().forEach((name, profile) -> {
            try {
                profiles.put(name, new MaskingProfile(name, rules(name, profile), profile.maskPrompts(),
                        config.maxHoldback(), key, listener, profile.allowFullRetention()));
            } catch (PatternSyntaxException e) {
                // Each pattern compiled alone; together they clash (e.g. the same group name twice).
                throw new MaskingConfigException(PREFIX + "profiles." + name + ".custom",
                        "the custom patterns cannot be combined: " + e.getDescription());
            }
        });
        this.defaultName = config.defaultProfile();
        if (!profiles.containsKey(defaultName)) {
            throw new MaskingConfigException(PREFIX + "default-profile",
                    "no profile '" + defaultName + "' is configured (configured: " + String.join(", ", profiles.keySet()) + ")");
        }
    }

    /** The named profile, or the default one when {@code name} is null or blank. */
    public MaskingProfile profile(String name) {
        if (name == null || name.isBlank()) {
            return defaultProfile();
        }
        MaskingProfile profile = profiles.get(name);
        if (profile == null) {
            throw new UnknownMaskingProfileException(name, profiles.keySet());
        }
        return profile;
    }

    public MaskingProfile defaultProfile() {
        return profiles.get(defaultName);
    }

    public List<String> names() {
        return List.copyOf(profiles.keySet());
    }

    private static byte[] hashKey(Optional<String> configured) {
        if (configured.isPresent() && !configured.get().isEmpty()) {
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        LOG.warn(PREFIX + "hash-key is not set: the 'hash' masking action uses a random key for this process, "
                + "so its hashes differ across restarts and replicas");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Custom patterns and terms first (the most specific), then built-ins in their priority order. */
    private static List<DetectorRule> rules(String profileName, MaskingConfig.Profile profile) {
        String at = PREFIX + "profiles." + profileName + ".";
        List<DetectorRule> rules = new ArrayList<>();
        new TreeMap<>(profile.custom()).forEach((name, custom) -> {
            if (BuiltInDetectors.byName(name).isPresent() || name.equals(TermsDetector.NAME)) {
                throw new MaskingConfigException(at + "custom." + name, "'" + name + "' is a built-in detector name");
            }
            rules.add(new DetectorRule(new CustomDetector(name, compile(at + "custom." + name + ".pattern", custom.pattern())),
                    action(at + "custom." + name + ".action", custom.action())));
        });
        Map<String, String> detectors = new TreeMap<>(profile.detectors());
        List<String> terms = profile.terms().orElse(List.of()).stream().filter(t -> !t.isBlank()).toList();
        String termsAction = detectors.remove(TermsDetector.NAME);
        if (!terms.isEmpty()) {
            MaskingAction action = termsAction == null ? MaskingAction.MASK : action(at + "detectors.terms", termsAction);
            rules.add(new DetectorRule(new TermsDetector(terms), action));
        } else if (termsAction != null) {
            throw new MaskingConfigException(at + "detectors.terms", "no terms are configured (set " + at + "terms)");
        }
        List<DetectorRule> builtIns = new ArrayList<>();
        detectors.forEach((name, action) -> {
            Detector detector = BuiltInDetectors.byName(name).orElseThrow(() -> new MaskingConfigException(
                    at + "detectors." + name, "unknown detector '" + name + "' (known: "
                    + String.join(", ", new TreeSet<>(detectorNames())) + ")"));
            builtIns.add(new DetectorRule(detector, action(at + "detectors." + name, action)));
        });
        builtIns.sort((a, b) -> Integer.compare(BuiltInDetectors.priority(a.detector().name()),
                BuiltInDetectors.priority(b.detector().name())));
        rules.addAll(builtIns);
        return rules;
    }

    private static List<String> detectorNames() {
        List<String> names = new ArrayList<>(BuiltInDetectors.names());
        names.add(TermsDetector.NAME);
        return names;
    }

    private static MaskingAction action(String key, String value) {
        return MaskingAction.parse(value).orElseThrow(() -> new MaskingConfigException(key,
                "unknown action '" + value + "' (known: mask, partial, hash, drop, block)"));
    }

    private static Pattern compile(String key, String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new MaskingConfigException(key, "malformed regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        if (pattern.matcher("").matches()) {
            throw new MaskingConfigException(key, "the pattern matches the empty string");
        }
        if (Pattern.compile("(?<!\\\\)\\\\[1-9]").matcher(regex).find()) {
            // The pattern is combined with others into one alternation, which renumbers groups.
            throw new MaskingConfigException(key, "numbered back-references are not supported; use a named group and \\k<name>");
        }
        return pattern;
    }
}
