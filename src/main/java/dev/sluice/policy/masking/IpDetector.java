package dev.sluice.policy.masking;

import java.util.regex.Pattern;

/**
 * IPv4 addresses (four octets 0-255, not part of a longer dotted number) and IPv6 addresses
 * in full, compressed ({@code 2001:db8::1}, {@code ::1}) and IPv4-mapped forms.
 */
public final class IpDetector implements Detector {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String IPV4 = "(?:" + OCTET + "\\.){3}" + OCTET;
    private static final String H = "[0-9a-fA-F]{1,4}";
    private static final String IPV6 = "(?:"
            + "(?:" + H + ":){1,4}:" + IPV4
            + "|::(?:[fF]{4}(?::0{1,4})?:)?" + IPV4
            + "|(?:" + H + ":){7}" + H
            + "|(?:" + H + ":){1,6}:" + H
            + "|(?:" + H + ":){1,5}(?::" + H + "){1,2}"
            + "|(?:" + H + ":){1,4}(?::" + H + "){1,3}"
            + "|(?:" + H + ":){1,3}(?::" + H + "){1,4}"
            + "|(?:" + H + ":){1,2}(?::" + H + "){1,5}"
            + "|" + H + ":(?::" + H + "){1,6}"
            + "|:(?::" + H + "){1,7}"
            + "|(?:" + H + ":){1,7}:"
            + "|::"
            + ")";

    private static final Pattern PATTERN = Pattern.compile(
            "(?<![\\w.])" + IPV4 + "(?!\\w|\\.\\d)"
                    + "|(?<![\\w:.])" + IPV6 + "(?!\\w|:[0-9a-fA-F:])");

    @Override
    public String name() { return "ip"; }

    @Override
    public Pattern pattern() { return PATTERN; }

    @Override
    public boolean isValid(String match) {
        return !match.equals("::");
    }
}
