package dev.sluice.policy.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.model.Delta;
import dev.sluice.model.StreamPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random argument JSON (nested objects and arrays, planted secrets in values, keys and bare numbers,
 * every kind of escape, multi-byte text), written with random escaping and whitespace and cut into
 * random fragments: the masked arguments always parse, equal the JSON with each string masked as a
 * whole (and each bare value with a secret turned into the masked string), and contain no planted value.
 */
class ToolArgumentsPropertyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values a detector finds inside a string. */
    private static final List<String> PLANTED = List.of(
            "john.doe@example.com", "4242 4242 4242 4242", "5555-5555-5555-4444", "+44 20 7946 0958",
            "DE89 3704 0044 0532 0130 00", "192.168.1.10", "sk-proj-Abc123def456GHI789jkl012MNO",
            "EMP-123456", "ACME");
    /** Secrets a model may write as a bare JSON number. */
    private static final List<String> PLANTED_NUMBERS = List.of("4242424242424242", "378282246310005",
            "5555555555554444");
    private static final List<String> WORDS = List.of("city", "Zürich", "東京", "naïve", "🙂", "👩‍💻", "quote\"d",
            "back\\slash", "tab\tnew\nline", "ctl\u0001", "a/b", "x", "", "42", "email", "card", " ");
    private static final List<String> NUMBERS = List.of("0", "7", "-12", "3.25", "1e3", "4242424242424241");

    /** A generated JSON value: its text (random escaping and spacing) and the tree it means. */
    record Doc(String json, JsonNode tree) {}

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static Doc document(long seed) {
        Random random = new Random(seed);
        StringBuilder json = new StringBuilder();
        JsonNode tree = object(random, json, 0);
        return new Doc(json.toString(), tree);
    }

    private static JsonNode value(Random random, StringBuilder json, int depth) {
        int kind = random.nextInt(depth > 2 ? 3 : 5);
        switch (kind) {
            case 0 -> {
                String s = text(random);
                string(random, json, s);
                return NODES.textNode(s);
            }
            case 1 -> {
                String n = random.nextInt(3) == 0 ? PLANTED_NUMBERS.get(random.nextInt(PLANTED_NUMBERS.size()))
                        : NUMBERS.get(random.nextInt(NUMBERS.size()));
                json.append(n);
                return parse(n);
            }
            case 2 -> {
                String literal = List.of("true", "false", "null").get(random.nextInt(3));
                json.append(literal);
                return parse(literal);
            }
            case 3 -> {
                return object(random, json, depth + 1);
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                json.append('[');
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    space(random, json);
                    array.add(value(random, json, depth + 1));
                    space(random, json);
                }
                json.append(']');
                return array;
            }
        }
    }

    private static ObjectNode object(Random random, StringBuilder json, int depth) {
        ObjectNode object = NODES.objectNode();
        json.append('{');
        int size = 1 + random.nextInt(4);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            space(random, json);
            String key = random.nextInt(6) == 0 ? PLANTED.get(random.nextInt(PLANTED.size())) : "k" + i;
            if (object.has(key)) {
                key = "k" + i; // one key once: the tree of a text with a key twice keeps only the last value
            }
            string(random, json, key);
            space(random, json);
            json.append(':');
            space(random, json);
            object.set(key, value(random, json, depth));
            space(random, json);
        }
        json.append('}');
        return object;
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int words = random.nextInt(4);
        for (int i = 0; i < words; i++) {
            // planted values apart, as StreamingRedactorPropertyTest plants them: two values side by side
            // may read as one longer candidate that neither detector accepts (a phone then a card number)
            s.append(i > 0 ? ", " : "").append(random.nextInt(3) == 0 ? PLANTED.get(random.nextInt(PLANTED.size()))
                    : WORDS.get(random.nextInt(WORDS.size())));
        }
        return s.toString();
    }

    /** A JSON string of {@code s}, each character written plainly or as one of its escapes, at random. */
    private static void string(Random random, StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean mustEscape = c == '"' || c == '\\' || c < 0x20;
            int way = random.nextInt(mustEscape ? 2 : 6);
            if (way == 0) {
                json.append(String.format("\\u%04x", (int) c));
            } else if (mustEscape || way == 1 && c == '/') {
                json.append(switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    case '/' -> "\\/";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }

    private static void space(Random random, StringBuilder json) {
        json.append(List.of("", "", " ", "\n  ", "\t").get(random.nextInt(5)));
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** What masking means for the tree: every string masked whole, a bare value with a secret a masked string. */
    private static JsonNode expected(MaskingProfile profile, JsonNode node, String bareText) {
        if (node.isTextual()) {
            return NODES.textNode(profile.redactAll(node.asText()).text());
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            node.fields().forEachRemaining(f -> out.set(profile.redactAll(f.getKey()).text(),
                    expected(profile, f.getValue(), null)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(v -> out.add(expected(profile, v, null)));
            return out;
        }
        if (node.isNumber()) {
            // the number as it was written is what the detectors see
            for (String n : PLANTED_NUMBERS) {
                if (node.asText().equals(parse(n).asText())) {
                    Redacted r = profile.redactAll(n);
                    return r.redactions().isEmpty() ? node : NODES.textNode(r.text());
                }
            }
        }
        return node;
    }

    private static List<StreamPart> stream(MaskingProfile profile, String json, List<Integer> cuts) {
        List<String> fragments = new ArrayList<>();
        int at = 0;
        int c = 0;
        while (at < json.length()) {
            int size = Math.min(json.length() - at, cuts.get(c++ % cuts.size()));
            fragments.add(json.substring(at, at + size));
            at += size;
        }
        return ToolArgumentsMaskingTest.run(profile, fragments);
    }

    @Provide
    Arbitrary<MaskingAction> actions() {
        return Arbitraries.of(MaskingAction.MASK, MaskingAction.PARTIAL, MaskingAction.HASH, MaskingAction.DROP);
    }

    @Property(tries = 500)
    void maskedArgumentsParseAndMeanTheMaskedJson(@ForAll("seeds") long seed, @ForAll("actions") MaskingAction action,
                                                  @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 9) Integer> cuts) {
        MaskingProfile profile = TestProfiles.all(action, 10_000);
        Doc doc = document(seed);
        List<StreamPart> out = stream(profile, doc.json(), cuts);
        String masked = ToolArgumentsMaskingTest.arguments(out);
        assertEquals(expected(profile, doc.tree(), null), parse(masked), () -> doc.json() + "\n→ " + masked);
    }

    @Property(tries = 300)
    void withTheDefaultWindowNoPlantedValueLeavesAndTheJsonStillParses(
            @ForAll("seeds") long seed, @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 9) Integer> cuts) {
        MaskingProfile profile = TestProfiles.all(MaskingAction.MASK, 64);
        Doc doc = document(seed);
        String masked = ToolArgumentsMaskingTest.arguments(stream(profile, doc.json(), cuts));
        String decoded = parse(masked).toString();
        for (String secret : PLANTED) {
            assertFalse(masked.contains(secret) || decoded.contains(secret), () -> secret + " in " + masked);
        }
        for (String secret : PLANTED_NUMBERS) {
            assertFalse(masked.contains(secret) || decoded.contains(secret), () -> secret + " in " + masked);
        }
    }
}
