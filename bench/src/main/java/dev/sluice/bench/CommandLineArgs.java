package dev.sluice.bench;

import java.util.HashMap;
import java.util.Map;

/** The bench tools' command lines: {@code --name value} pairs, and integers checked against a range. */
final class CommandLineArgs {

    private CommandLineArgs() {
    }

    /** The pairs by name (without the dashes); a later pair of the same name wins. */
    static Map<String, String> pairs(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (!key.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + key + "'");
            }
            values.put(key.substring(2), args[++i]);
        }
        return values;
    }

    static int intArg(Map<String, String> values, String name, int fallback, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }
}
