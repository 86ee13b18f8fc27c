package berth.distribution.pull;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (the Distribution registry 2.8) on 127.0.0.1 and a free port, storing
 * in a temp directory, optionally behind htpasswd Basic auth; images are put into it with skopeo.
 */
public final class DistributionRegistry implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;
    private final Optional<String> credentials;

    private DistributionRegistry(Process process, int port, Path dir, Optional<String> credentials) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.credentials = credentials;
    }

    /** @param htpasswd a line {@code user:bcrypt-hash}, or empty for an open registry */
    public static DistributionRegistry start(Path dir, Optional<String> htpasswd, Optional<String> credentials) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("data"));
        StringBuilder config = new StringBuilder("""
                version: 0.1
                log:
                  level: error
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), port));
        if (htpasswd.isPresent()) {
            Files.writeString(dir.resolve("htpasswd"), htpasswd.get() + "\n");
            config.append("""
                    auth:
                      htpasswd:
                        realm: berth-test
                        path: %s
                    """.formatted(dir.resolve("htpasswd")));
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config);
        Process p = new ProcessBuilder("/usr/bin/docker-registry", "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        DistributionRegistry registry = new DistributionRegistry(p, port, dir, credentials);
        registry.awaitReady();
        return registry;
    }

    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Copies {@code oci:layout:tag} to {@code host/repo:tag} with skopeo ({@code --all} for an index). */
    public void push(Path layout, String tag, String repoAndTag, boolean all) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false"));
        credentials.ifPresent(c -> cmd.addAll(List.of("--dest-creds", c)));
        if (all) {
            cmd.add("--all");
        }
        cmd.add("oci:" + layout + ":" + tag);
        cmd.add("docker://" + host() + "/" + repoAndTag);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("skopeo failed: " + String.join(" ", cmd) + "\n" + out);
        }
    }

    /** The registry's output: its access log has a line per request ("PATCH /v2/… HTTP/1.1" 202). */
    public Path log() {
        return dir.resolve("registry.log");
    }

    private void awaitReady() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest ping = HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build();
            for (int attempt = 0; attempt < 200; attempt++) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
                }
                try {
                    int status = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200 || status == 401) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("docker-registry did not answer on " + host());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
