package berth.container.local;

import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.ContainerState;
import berth.container.ContainerStatus;
import berth.container.Health;
import berth.container.HealthConfig;
import berth.container.HostConfig;
import berth.content.Digest;
import berth.store.AtomicFiles;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads and writes {@code containers/<id>/config.json}. The file format is this class's own record
 * ({@link Stored}) with plain types, so the domain records stay free of serialisation concerns.
 * Removal first renames the directory into {@code containers/.trash/} (one atomic step: after a crash
 * the container is either fully there or gone), then deletes it.
 */
final class ContainerStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dataRoot;
    private final Path execRoot;

    ContainerStore(Path dataRoot, Path execRoot) {
        this.dataRoot = dataRoot;
        this.execRoot = execRoot;
    }

    ContainerFiles files(String id) {
        return ContainerFiles.of(dataRoot, execRoot, id);
    }

    Path trash() {
        return dataRoot.resolve("containers").resolve(".trash");
    }

    void save(Container c) throws IOException {
        AtomicFiles.write(files(c.id()).config(), JSON.writeValueAsBytes(Stored.of(c)));
    }

    List<Container> loadAll() throws IOException {
        Path dir = dataRoot.resolve("containers");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Container> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Path cfg = p.resolve("config.json");
                if (p.getFileName().toString().startsWith(".") || !Files.isRegularFile(cfg)) {
                    continue;
                }
                out.add(JSON.readValue(cfg.toFile(), Stored.class).toContainer(files(p.getFileName().toString())));
            }
        }
        return out;
    }

    /**
     * IDs with files but no container, left by a daemon that died mid-way: data directories without
     * a config.json (a create that never finished) and run directories of containers not in
     * {@code known} (a removal whose clean-up never ran).
     */
    Set<String> orphans(Set<String> known) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Path dir : List.of(dataRoot.resolve("containers"), execRoot.resolve("c"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString())
                        .filter(id -> !id.startsWith(".") && !known.contains(id))
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** Moves the container's directory out of sight atomically; the caller deletes it afterwards. */
    Path moveToTrash(String id) throws IOException {
        Files.createDirectories(trash());
        Path target = trash().resolve(id);
        AtomicFiles.moveAndSync(files(id).dir(), target);
        return target;
    }

    /** On-disk form of a container; nullable strings, epoch nanos, no Optionals. */
    record Stored(
            String id, String name, long createdNanos, String path, List<String> args,
            String status, int pid, int exitCode, String error, boolean oomKilled,
            Long startedNanos, Long finishedNanos,
            String imageId, String imageName,
            String hostname, String domainname, String user,
            boolean attachStdin, boolean attachStdout, boolean attachStderr,
            boolean openStdin, boolean stdinOnce, boolean tty,
            List<String> env, List<String> cmd, List<String> entrypoint, String image, String workingDir,
            Map<String, String> labels, List<String> exposedPorts, String stopSignal, Integer stopTimeout,
            String networkMode, boolean autoRemove, int restartCount, String runtime,
            HostConfig hostConfig, HealthConfig healthcheck, StoredHealth health, boolean manuallyStopped) {

        static Stored of(Container c) {
            ContainerState s = c.state();
            ContainerConfig k = c.config();
            return new Stored(c.id(), c.name(), nanos(c.created()), c.path(), c.args(),
                    s.status().name(), s.pid(), s.exitCode(), s.error(), s.oomKilled(),
                    s.startedAt().map(Stored::nanos).orElse(null), s.finishedAt().map(Stored::nanos).orElse(null),
                    c.imageId().toString(), c.imageName(),
                    k.hostname(), k.domainname(), k.user(),
                    k.attachStdin(), k.attachStdout(), k.attachStderr(), k.openStdin(), k.stdinOnce(), k.tty(),
                    k.env(), k.cmd(), k.entrypoint(), k.image(), k.workingDir(), k.labels(), k.exposedPorts(),
                    k.stopSignal().orElse(null), k.stopTimeout().orElse(null),
                    c.networkMode(), c.autoRemove(), c.restartCount(), c.runtime(),
                    c.hostConfig(), k.healthcheck().orElse(null), s.health().map(StoredHealth::of).orElse(null),
                    c.manuallyStopped());
        }

        Container toContainer(ContainerFiles f) {
            ContainerState state = new ContainerState(ContainerStatus.valueOf(status), pid, exitCode,
                    error == null ? "" : error, oomKilled,
                    Optional.ofNullable(startedNanos).map(Stored::instant),
                    Optional.ofNullable(finishedNanos).map(Stored::instant),
                    Optional.ofNullable(health).map(StoredHealth::toHealth));
            ContainerConfig config = new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout,
                    attachStderr, openStdin, stdinOnce, tty, list(env), list(cmd), list(entrypoint), image,
                    workingDir, labels == null ? Map.of() : labels, list(exposedPorts),
                    Optional.ofNullable(stopSignal), Optional.ofNullable(stopTimeout), Optional.ofNullable(healthcheck));
            return new Container(id, name, instant(createdNanos), path, list(args), state, Digest.parse(imageId),
                    imageName, config, networkMode, autoRemove,
                    f.driverLog(id, hostConfig == null ? berth.logs.driver.LogConfig.JSON_FILE : hostConfig.logConfig()),
                    f.resolvConf(), f.hostname(), f.hosts(),
                    restartCount, "overlay2", runtime, hostConfig, manuallyStopped);
        }

        /** Health with epoch nanos instead of Instants (the mapper has no java.time module). */
        record StoredHealth(String status, int failingStreak, List<StoredProbe> log) {
            static StoredHealth of(Health h) {
                return new StoredHealth(h.status(), h.failingStreak(), h.log().stream()
                        .map(p -> new StoredProbe(nanos(p.start()), nanos(p.end()), p.exitCode(), p.output())).toList());
            }

            Health toHealth() {
                return new Health(status, failingStreak, log == null ? List.of() : log.stream()
                        .map(p -> new Health.Probe(instant(p.startNanos()), instant(p.endNanos()), p.exitCode(),
                                p.output()))
                        .toList());
            }
        }

        record StoredProbe(long startNanos, long endNanos, int exitCode, String output) {}

        private static List<String> list(List<String> l) {
            return l == null ? List.of() : l;
        }

        private static long nanos(Instant t) {
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        }

        private static Instant instant(long nanos) {
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }
    }
}
