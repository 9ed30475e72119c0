package dev.sluice.scaleout;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, no persistence, daemonized with a pid
 * file and stopped by that pid (never by name). {@code bash .ci/run} installs it when missing.
 */
final class RedisServer implements AutoCloseable {

    final int port;
    private final Path pidFile;

    private RedisServer(int port, Path pidFile) {
        this.port = port;
        this.pidFile = pidFile;
    }

    static RedisServer start() {
        int port = FreePorts.next();
        try {
            Path dir = Files.createDirectories(Path.of("target", "it-redis").toAbsolutePath());
            Path pidFile = dir.resolve("redis-" + port + ".pid");
            Process launcher = new ProcessBuilder("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "yes",
                    "--pidfile", pidFile.toString(), "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis-" + port + ".log").toString())
                    .redirectErrorStream(true).start();
            if (!launcher.waitFor(30, TimeUnit.SECONDS) || launcher.exitValue() != 0) {
                throw new AssertionError("redis-server did not start: "
                        + new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            RedisServer redis = new RedisServer(port, pidFile);
            await("redis-server answers PING").atMost(Duration.ofSeconds(30)).until(redis::pong);
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean pong() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int n = in.read(reply);
            return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(handle -> {
                    handle.destroy();
                    handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> {
                        handle.destroyForcibly();
                        return handle;
                    }).join();
                });
            }
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("could not stop redis-server on port " + port, e);
        }
    }
}
