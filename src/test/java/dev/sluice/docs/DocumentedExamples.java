package dev.sluice.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell examples of a Markdown file, read the way a user reads them: each {@code bash} block
 * that calls {@code localhost:8080} with {@code curl} is a script, its {@code ./mvnw quarkus:dev -D…}
 * lines are the configuration it needs, and its comments that start like output ({@code {},
 * {@code …}, {@code data:}, {@code event:}) are the documented output, where {@code …} stands
 * for anything.
 */
final class DocumentedExamples {

    private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("-D([\\w.\\-\\[\\]]+)=(\\S+)");
    private static final Pattern OUTPUT_COMMENT = Pattern.compile("(?:^|\\s)#\\s+((?:\\{|…|data:|event:).*)$");

    /** One runnable example: its line in the file, the script and the documented output, in order. */
    record Example(int line, String script, List<String> expected) {}

    private DocumentedExamples() {}

    /** The files whose examples are run: the README and every page under docs/. */
    static List<Path> files() {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (var docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list docs/", e);
        }
        return files;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static List<Example> examples(String markdown) {
        List<Example> examples = new ArrayList<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            String body = block.group(1);
            if (!body.contains("curl ") || !body.contains("localhost:8080")) {
                continue;
            }
            int line = 1 + (int) markdown.substring(0, block.start()).chars().filter(c -> c == '\n').count();
            StringBuilder script = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (String text : joined(body)) {
                if (text.startsWith("./mvnw")) {
                    continue; // the server: the test has started it, with these lines' properties
                }
                Matcher output = OUTPUT_COMMENT.matcher(text);
                if (output.find()) {
                    expected.add(output.group(1).trim());
                }
                script.append(text).append('\n');
            }
            examples.add(new Example(line, script.toString(), expected));
        }
        return examples;
    }

    /** The {@code -Dkey=value} properties of every {@code ./mvnw quarkus:dev} line in a bash block. */
    static Map<String, String> devProperties(String markdown) {
        Map<String, String> properties = new LinkedHashMap<>();
        Matcher block = BLOCK.matcher(markdown);
        while (block.find()) {
            for (String text : joined(block.group(1))) {
                if (text.startsWith("./mvnw quarkus:dev")) {
                    Matcher p = PROPERTY.matcher(text);
                    while (p.find()) {
                        properties.put(p.group(1), p.group(2));
                    }
                }
            }
        }
        return properties;
    }

    /** The block's lines with shell continuations ({@code \\} at the end) joined to one line each. */
    private static List<String> joined(String body) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String text : body.split("\n")) {
            if (text.endsWith("\\") && !text.trim().startsWith("#")) {
                current.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            current.append(current.isEmpty() ? text : text.trim());
            lines.add(current.toString());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    /** A documented output line as a pattern: {@code …} is anything, a run of spaces any whitespace. */
    static Pattern pattern(String documented) {
        StringBuilder regex = new StringBuilder();
        for (String part : documented.split("…", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*?");
            }
            String[] words = part.split("\\s+", -1);
            for (int i = 0; i < words.length; i++) {
                if (i > 0) {
                    regex.append("\\s+");
                }
                regex.append(Pattern.quote(words[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
