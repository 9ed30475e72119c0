package dev.sluice.policy.masking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The detectors Sluice ships, by configuration name. The order is the priority when two
 * detectors match at the same position: distinctive token shapes first, the loosest
 * (phone numbers) last, and cards before phones so a card is never reported as a phone.
 */
public final class BuiltInDetectors {

    private static final Map<String, Detector> BY_NAME = new LinkedHashMap<>();

    static {
        for (Detector d : List.of(new JwtDetector(), new ApiKeyDetector(), new EmailDetector(),
                new IbanDetector(), new CardDetector(), new IpDetector(), new PhoneDetector())) {
            BY_NAME.put(d.name(), d);
        }
    }

    private BuiltInDetectors() {}

    public static Optional<Detector> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Configuration names of the built-in detectors, in priority order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Position of a built-in detector in the priority order. */
    static int priority(String name) {
        return names().indexOf(name);
    }
}
