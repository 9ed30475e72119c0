package dev.sluice.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code redis-server} for tests, on a free port of 127.0.0.1, with no persistence. It can
 * be stopped and started again on the same port (the outage tests); it is stopped by its pid.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private long pid = -1;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a server on a free port. */
    public static RedisServer start() {
        try {
            RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("sluice-redis"));
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The {@code quarkus.redis.hosts} value. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port and waits until it accepts connections. */
    public synchronized void startAgain() {
        Path pidFile = dir.resolve("redis.pid");
        try {
            Files.deleteIfExists(pidFile);
            Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes", "--pidfile",
                    pidFile.toString(), "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile()).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("start.log")));
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank() || !accepting()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("redis-server did not come up on port " + port);
                }
                Thread.sleep(20);
            }
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server (SIGKILL: an outage, not a shutdown) and waits until the port is closed. */
    public synchronized void kill() {
        if (pid < 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        pid = -1;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (accepting() && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean accepting() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
