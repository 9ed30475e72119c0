package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.testing.Commands;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code curl} example of the README and of docs/ with bash, curl and jq against the started
 * application (on its test port instead of 8080), and asserts the output the README documents,
 * in order. A README example that stops working, or whose documented output is no longer true,
 * fails here.
 */
@QuarkusTest
@TestProfile(DocumentedExamplesProfile.class)
class DocumentedExamplesTest {

    @TestHTTPResource("/")
    URI base;

    @TestFactory
    Stream<DynamicTest> everyDocumentedCurlExampleRunsAndPrintsWhatItsCommentsSay() {
        boolean tools = Commands.onPath("curl") && Commands.onPath("jq");
        assumeTrue(tools || System.getenv("CI") != null,
                "the documented examples need curl and jq on the PATH (apt-get install -y curl jq); skipped");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : DocumentedExamples.files()) {
            for (DocumentedExamples.Example example : DocumentedExamples.examples(DocumentedExamples.read(file))) {
                tests.add(DynamicTest.dynamicTest(file + " line " + example.line(), () -> run(example)));
            }
        }
        assertTrue(tests.size() >= 8, "the curl examples of the README and docs/ were not found: " + tests.size());
        return tests.stream();
    }

    private void run(DocumentedExamples.Example example) throws IOException, InterruptedException {
        String host = base.getHost() + ":" + base.getPort();
        String script = "set -euo pipefail\n" + example.script().replace("localhost:8080", host);
        // to files, not pipes: a long stream must not block on a full pipe buffer
        Path out = Files.createTempFile("readme-example", ".stdout");
        Path errors = Files.createTempFile("readme-example", ".stderr");
        Process bash = new ProcessBuilder("bash", "-c", script).redirectOutput(out.toFile())
                .redirectError(errors.toFile()).start();
        boolean ended = bash.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            bash.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        String stderr = Files.readString(errors);
        Files.delete(errors);
        assertTrue(ended, "the example did not finish within 60 s; its output so far:\n" + output);
        assertEquals(0, bash.exitValue(), "the example failed:\n" + example.script() + "\noutput:\n" + output
                + "\nstderr:\n" + stderr);
        assertFalse(output.isBlank(), "the example printed nothing:\n" + example.script());
        int from = 0;
        for (String documented : example.expected()) {
            Matcher m = DocumentedExamples.pattern(documented).matcher(output);
            assertTrue(m.find(from), "documented output not found (in order): " + documented
                    + "\nexample:\n" + example.script() + "\noutput:\n" + output);
            from = m.end();
        }
    }
}
