package dev.sluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point: {@code java -jar sluice-bench.jar --url http://127.0.0.1:8080 --concurrency 100 …}.
 * Prints progress to stderr and, at the end, a markdown table row to stdout.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sluice-bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        LoadResult result = new LoadRun(options).execute();
        if (options.out() != null) {
            Files.writeString(Path.of(options.out()), result.json() + System.lineSeparator());
        }
        if (!result.errors().isEmpty()) {
            System.err.println("[" + options.label() + "] errors: " + result.errors() + " e.g. " + result.errorExamples());
        }
        System.err.println("[" + options.label() + "] " + result.cpuBreakdown());
        System.out.println(LoadResult.MARKDOWN_HEADER);
        System.out.println(result.markdownRow());
        System.exit(0);
    }
}
