package dev.sluice.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code e2e/} (the official openai and Anthropic SDKs, ws, eventsource and headless Chromium)
 * against the packaged service on free ports, after {@code package}. Without Node.js on a developer machine
 * it is skipped with a message; under CI it must run.
 */
class E2eClientsIT {

    @Test
    void realClientsPassAgainstThePackagedService() throws Exception {
        boolean ci = System.getenv("CI") != null;
        assumeTrue(ci || Commands.onPath("node"), "Node.js is not installed: e2e/ skipped (bash .ci/run installs it)");
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertEquals(true, Files.exists(jar), "packaged service missing: " + jar);
        Process process = new ProcessBuilder("bash", "e2e/run.sh", jar.toString())
                .redirectErrorStream(true)
                .start();
        // Copied line by line through System.out, which the test runner owns.
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            lines.lines().forEach(System.out::println);
        }
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        assertEquals(true, finished, "e2e suite did not finish within 15 minutes");
        assertEquals(0, process.exitValue(), "e2e suite failed: see its output above");
    }
}
