package dev.sluice.policy.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Turns a detected value into what the client sees instead, per action. */
final class ReplacementFormatter {

    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec hashKey;

    ReplacementFormatter(byte[] hashKey) {
        this.hashKey = new SecretKeySpec(hashKey, HMAC);
    }

    String replacement(DetectorRule rule, String original) {
        Detector detector = rule.detector();
        return switch (rule.action()) {
            case MASK, BLOCK -> "[" + detector.label() + "]";
            case HASH -> "[" + detector.label() + ":" + shortHash(original) + "]";
            case DROP -> "";
            case PARTIAL -> partial(detector, original);
        };
    }

    /** First 8 hex characters of HMAC-SHA256(key, value): stable per key, not reversible. */
    String shortHash(String value) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(hashKey);
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String partial(Detector detector, String original) {
        if (detector instanceof EmailDetector) {
            int at = original.lastIndexOf('@');
            return original.substring(0, original.offsetByCodePoints(0, 1)) + "***" + original.substring(at);
        }
        if (detector instanceof CardDetector) {
            String digits = original.replaceAll("[^0-9]", "");
            return "**** **** **** " + digits.substring(digits.length() - 4);
        }
        int codePoints = original.codePointCount(0, original.length());
        if (codePoints < 8) {
            // Keeping 4 characters of a short value would give most of it away.
            return "***";
        }
        int headEnd = original.offsetByCodePoints(0, 2);
        int tailStart = original.offsetByCodePoints(original.length(), -2);
        return original.substring(0, headEnd) + "***" + original.substring(tailStart);
    }
}
