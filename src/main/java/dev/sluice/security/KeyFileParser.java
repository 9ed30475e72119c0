package dev.sluice.security;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a key file: one {@code <key-id>.<setting>: <value>} (or {@code =}) per line, {@code #}
 * comments. That is a flat YAML map and also a Java properties file, so the file the Helm chart
 * mounts as {@code keys.yaml} needs no YAML library. Settings are those of
 * {@code sluice.auth.keys.<key-id>.*}: {@code sha256}, {@code tenant}, {@code models}, {@code masking},
 * {@code max-tokens}, {@code rate.requests-per-minute}, {@code rate.tokens-per-minute},
 * {@code rate.concurrent-streams}.
 */
final class KeyFileParser {

    private static final Set<String> SETTINGS = Set.of("sha256", "tenant", "models", "masking", "max-tokens",
            "rate.requests-per-minute", "rate.tokens-per-minute", "rate.concurrent-streams");

    private KeyFileParser() {}

    static List<ApiKey> parse(Reader reader, String source) throws IOException {
        Properties lines = new Properties();
        lines.load(reader);
        Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
        for (String name : lines.stringPropertyNames()) {
            int dot = name.indexOf('.');
            String setting = dot < 0 ? "" : name.substring(dot + 1);
            if (dot <= 0 || !SETTINGS.contains(setting)) {
                throw new IllegalStateException(source + ": '" + name + "' is not <key-id>.<setting> with a setting among "
                        + SETTINGS);
            }
            byKey.computeIfAbsent(name.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(setting, unquote(lines.getProperty(name).trim()));
        }
        List<ApiKey> keys = new ArrayList<>();
        byKey.forEach((keyId, settings) -> keys.add(KeyRing.key(source, keyId, settings.get("sha256"),
                settings.get("tenant"), models(settings.get("models")), number(source, keyId, settings, "max-tokens"),
                number(source, keyId, settings, "rate.requests-per-minute"),
                number(source, keyId, settings, "rate.tokens-per-minute"),
                number(source, keyId, settings, "rate.concurrent-streams"), settings.get("masking"))));
        return keys;
    }

    private static Set<String> models(String value) {
        Set<String> models = new HashSet<>();
        if (value != null) {
            Arrays.stream(value.replace("[", "").replace("]", "").split(","))
                    .map(String::trim).map(KeyFileParser::unquote).filter(s -> !s.isEmpty()).forEach(models::add);
        }
        return models;
    }

    private static int number(String source, String keyId, Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(source + ": " + keyId + "." + name + " must be a whole number >= 0");
        }
    }

    /** YAML users quote values; properties users do not. Accept both. */
    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
