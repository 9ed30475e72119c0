package dev.sluice.testing;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana {@code label_values} variable query) reads:
 * what is left after removing what holds no metric name (strings, label matchers, range
 * selectors, grouping label lists), minus functions (a name followed by a parenthesis) and
 * keywords. {@code _bucket}, {@code _count} and {@code _sum} stay part of the name, as in the
 * scrape, so a histogram panel on a timer without buckets is caught.
 */
public final class PromQlMetricNames {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    /** Grafana's label_values(metric, label): the second argument is a label; label_values(label) reads none. */
    private static final Pattern LABEL_VALUES = Pattern.compile("\\blabel_values\\s*\\(([^(),]*),[^()]*\\)");
    private static final Pattern ANY_LABEL_VALUES = Pattern.compile("\\blabel_values\\s*\\([^(),]*\\)");
    /** A name not inside a number, a duration or a Grafana variable ($__rate_interval). */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");

    private PromQlMetricNames() {
    }

    public static Set<String> of(String expression) {
        String rest = STRINGS.matcher(expression).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = LABEL_VALUES.matcher(rest).replaceAll(" $1 ");
        rest = ANY_LABEL_VALUES.matcher(rest).replaceAll(" ");
        rest = RANGES.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher name = NAME.matcher(rest);
        while (name.find()) {
            String candidate = name.group();
            if (!KEYWORDS.contains(candidate.toLowerCase(java.util.Locale.ROOT)) && !calledAt(rest, name.end())) {
                names.add(candidate);
            }
        }
        return names;
    }

    private static boolean calledAt(String text, int end) {
        int i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '(';
    }
}
