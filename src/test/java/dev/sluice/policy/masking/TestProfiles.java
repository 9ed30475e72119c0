package dev.sluice.policy.masking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Profiles built directly, without configuration, for unit tests. */
final class TestProfiles {

    static final byte[] KEY = "test-key".getBytes(StandardCharsets.UTF_8);
    static final Pattern EMPLOYEE_ID = Pattern.compile("EMP-\\d{6}");

    private TestProfiles() {}

    /** Every built-in detector plus a custom pattern and terms, all with {@code action}. */
    static MaskingProfile all(MaskingAction action, int maxHoldback) {
        return all(action, maxHoldback, RedactionListener.NONE);
    }

    static MaskingProfile all(MaskingAction action, int maxHoldback, RedactionListener listener) {
        return new MaskingProfile("all", allRules(action), true, maxHoldback, KEY, listener);
    }

    /** The rules of {@link #all}. */
    static List<DetectorRule> allRules(MaskingAction action) {
        List<DetectorRule> rules = new ArrayList<>();
        rules.add(new DetectorRule(new CustomDetector("employee_id", EMPLOYEE_ID), action));
        rules.add(new DetectorRule(new TermsDetector(List.of("project falcon", "acme")), action));
        for (String name : BuiltInDetectors.names()) {
            rules.add(new DetectorRule(BuiltInDetectors.byName(name).orElseThrow(), action));
        }
        return rules;
    }

    /** One detector with one action. */
    static MaskingProfile single(Detector detector, MaskingAction action) {
        return new MaskingProfile("single", List.of(new DetectorRule(detector, action)), true, 64, KEY,
                RedactionListener.NONE);
    }
}
