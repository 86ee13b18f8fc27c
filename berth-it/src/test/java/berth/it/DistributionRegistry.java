package berth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Debian's Distribution registry ({@code docker-registry}, the registry Docker Hub's is built from),
 * started on 127.0.0.1 on a free port with its storage in a temporary directory, optionally with
 * htpasswd basic auth. The other side of berth's pull and push in the tests.
 */
final class DistributionRegistry extends LocalRegistry {
    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private DistributionRegistry(Path dir, int port, Process process) {
        super("docker-registry", dir, port, process);
    }

    /** An open registry. */
    static DistributionRegistry start() throws IOException, InterruptedException {
        return start(Optional.empty());
    }

    /**
     * A registry; with {@code htpasswd} (the file's lines, bcrypt entries) every request needs basic auth.
     */
    static DistributionRegistry start(Optional<String> htpasswd) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("berth-it-registry-");
        int port = freePort();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n');
        if (htpasswd.isPresent()) {
            Path file = dir.resolve("htpasswd");
            Files.writeString(file, htpasswd.get());
            config.append("auth:\n  htpasswd:\n    realm: berth-it\n    path: ").append(file).append('\n');
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config.toString());
        Process p = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        DistributionRegistry r = new DistributionRegistry(dir, port, p);
        r.awaitUp();
        return r;
    }
}
