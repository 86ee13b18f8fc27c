package berth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * berth's own registry server, {@code bin/berth registry serve}, started as its own process (as a user
 * would) on 127.0.0.1 on a free port, storage in a temporary directory, optionally with a config file.
 */
final class BerthRegistry extends LocalRegistry {

    private BerthRegistry(Path dir, int port, Process process) {
        super("berth registry", dir, port, process);
    }

    static BerthRegistry start() throws IOException, InterruptedException {
        return start(Optional.empty());
    }

    /** With {@code config} (YAML) written to a file in the registry's directory; paths in it resolve there. */
    static BerthRegistry start(Optional<String> config) throws IOException, InterruptedException {
        return start(Files.createTempDirectory("berth-it-breg-"), config);
    }

    /** In {@code dir}, which may already hold files the config names (htpasswd, keys); removed on close. */
    static BerthRegistry start(Path dir, Optional<String> config) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(DaemonHarness.repoRoot().resolve("bin/berth").toString(), "registry",
                "serve", "--addr", "127.0.0.1:" + port, "--root", dir.resolve("data").toString()));
        if (config.isPresent()) {
            Path file = dir.resolve("config.yml");
            Files.writeString(file, config.get());
            cmd.addAll(List.of("--config", file.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        BerthRegistry r = new BerthRegistry(dir, port, p);
        r.awaitUp();
        return r;
    }
}
