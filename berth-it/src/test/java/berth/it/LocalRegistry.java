package berth.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A registry server the tests start as a process of its own on 127.0.0.1, with its files (storage,
 * config, log) in a temporary directory that goes when it is closed.
 */
abstract class LocalRegistry implements AutoCloseable {
    private final String name;
    private final Path dir;
    private final int port;
    private final Process process;

    LocalRegistry(String name, Path dir, int port, Process process) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** {@code 127.0.0.1:PORT}, the registry part of an image reference. */
    final String host() {
        return "127.0.0.1:" + port;
    }

    final Path dir() {
        return dir;
    }

    final String log() throws IOException {
        return java.nio.file.Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
    }

    /** Waits until {@code /v2/} answers (200, or 401 when it wants credentials). */
    final void awaitUp() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + log());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL().openConnection();
                c.setConnectTimeout(500);
                int status = c.getResponseCode();
                c.disconnect();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(name + " did not answer within 30s: " + log());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        DaemonHarness.deleteTree(dir);
    }
}
