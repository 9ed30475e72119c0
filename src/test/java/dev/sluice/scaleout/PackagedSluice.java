package dev.sluice.scaleout;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}
 * before failsafe runs) as a separate process on free loopback ports, in the prod profile (so
 * health is on the management port), with its output in {@code target/it-logs/<name>.log}.
 */
final class PackagedSluice implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final URI base;
    final URI management;
    final Path log;
    private final Process process;

    private PackagedSluice(String name, URI base, URI management, Path log, Process process) {
        this.name = name;
        this.base = base;
        this.management = management;
        this.log = log;
        this.process = process;
    }

    /** Starts the jar with these configuration properties and waits until it is ready. */
    static PackagedSluice start(String name, Map<String, String> properties) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "packaged service missing (run mvn package first): " + jar);
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        // the packaged jar runs the prod profile, which refuses simulator overrides; these tests pace by them
        command.add("-Dsluice.simulator.request-overrides=true");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Path log = logs.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PackagedSluice sluice = new PackagedSluice(name, URI.create("http://127.0.0.1:" + port),
                    URI.create("http://127.0.0.1:" + managementPort), log, process);
            await("replica " + name + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(name + " exited during start:\n" + sluice.logText());
                        }
                        return sluice.readinessStatus() == 200;
                    });
            return sluice;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HTTP status of {@code /q/health/ready}, or -1 when nothing answers. */
    int readinessStatus() {
        return readiness().status();
    }

    /** The readiness response; status -1 and an empty body when nothing answers. */
    Reply readiness() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(management.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            return new Reply(-1, "", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The Prometheus text from the management port's {@code /q/metrics}. */
    String metrics() {
        return send(HttpRequest.newBuilder(management.resolve("/q/metrics")).timeout(Duration.ofSeconds(30)).GET()
                .build()).body();
    }

    /** POSTs JSON to the API and returns the reply whatever its status. */
    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, as Kubernetes sends it ({@link Process#destroy()} on Linux). */
    void sigterm() {
        process.destroy();
    }

    /** SIGKILL, as when the kernel's OOM killer or a lost node stops a pod: no drain, no last write. */
    void sigkill() {
        process.destroyForcibly();
    }

    boolean alive() {
        return process.isAlive();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** An HTTP answer: status, body and headers. */
    record Reply(int status, String body, Map<String, List<String>> headers) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }
}
