package berth.volume.local;

import berth.errors.BerthException;
import berth.events.Event;
import berth.events.EventSink;
import berth.store.AtomicFiles;
import berth.store.FileTrees;
import berth.sys.Mounts;
import berth.volume.PruneReport;
import berth.volume.Volume;
import berth.volume.VolumeFilter;
import berth.volume.VolumeService;
import berth.volume.VolumeSpec;
import berth.volume.VolumeUsage;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local driver: each volume is {@code <data-root>/volumes/<name>/} holding {@code volume.json} and
 * the data directory {@code _data}. A volume is made in a hidden temp directory and renamed into place
 * (one atomic step), and removed by a rename into {@code volumes/.trash/} before its files are deleted,
 * so after a crash a volume is either fully there or gone. Volumes are kept in memory, loaded at start.
 */
public final class LocalVolumeService implements VolumeService {
    private static final System.Logger LOG = System.getLogger(LocalVolumeService.class.getName());
    /** moby's RestrictedNamePattern; one character is "too short". */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final EventSink events;
    private final Map<String, Volume> byName = new ConcurrentHashMap<>();
    /** Containers whose run has the volume's device mounted (only volumes with driver options). */
    private final Map<String, Set<String>> mountedBy = new HashMap<>();
    private volatile VolumeUsage usage = VolumeUsage.NONE;

    public LocalVolumeService(Path dataRoot, EventSink events) throws IOException {
        this.root = dataRoot.resolve("volumes");
        this.events = events;
        Files.createDirectories(root);
        FileTrees.deleteRecursively(trash());
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(".")) {
                    FileTrees.deleteRecursively(dir); // a create that never finished
                    continue;
                }
                Path record = dir.resolve("volume.json");
                if (Files.isRegularFile(record)) {
                    byName.put(name, JSON.readValue(record.toFile(), VolumeRecord.class).toVolume(data(name)));
                }
            }
        }
    }

    /** The container service tells which containers use a volume; until then none do. */
    public void usage(VolumeUsage usage) {
        this.usage = usage;
    }

    /** Docker's name rule, with its messages (without the "create x: " prefix). */
    public static void validateName(String name) {
        if (name.length() == 1) {
            throw BerthException.invalid("volume name is too short, names should be at least two alphanumeric characters");
        }
        if (!NAME.matcher(name).matches()) {
            throw BerthException.invalid("\"" + name + "\" includes invalid characters for a local volume name, only "
                    + "\"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }

    @Override
    public synchronized Volume create(VolumeSpec spec) {
        String name = spec.name().orElseGet(() -> HexFormat.of().formatHex(randomBytes()));
        try {
            validateName(name);
            if (!spec.driver().equals("local")) {
                throw BerthException.notFound("error looking up volume plugin " + spec.driver() + ": plugin \""
                        + spec.driver() + "\" not found");
            }
            LocalDriverOptions.validate(spec.options());
        } catch (BerthException e) {
            throw new BerthException(e.kind(), "create " + name + ": " + e.getMessage(), e);
        }
        Volume existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        Volume v = new Volume(name, "local", data(name), Instant.now(), spec.labels(), spec.options());
        Path tmp = root.resolve(".tmp-" + name);
        try {
            FileTrees.deleteRecursively(tmp);
            Files.createDirectories(tmp.resolve("_data"));
            AtomicFiles.write(tmp.resolve("volume.json"), JSON.writeValueAsBytes(VolumeRecord.of(v)));
            AtomicFiles.moveAndSync(tmp, root.resolve(name));
        } catch (IOException e) {
            try {
                FileTrees.deleteRecursively(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw BerthException.internal("create " + name + ": " + e.getMessage(), e);
        }
        byName.put(name, v);
        publish(v, "create", Map.of("driver", v.driver()));
        return v;
    }

    @Override
    public Volume inspect(String name) {
        Volume v = byName.get(name);
        if (v == null) {
            throw BerthException.notFound("get " + name + ": no such volume");
        }
        return v;
    }

    @Override
    public List<Volume> list(VolumeFilter filter) {
        return byName.values().stream()
                .filter(v -> filter.matches(v, () -> !usage.users(v.name()).isEmpty()))
                .sorted(Comparator.comparing(Volume::name))
                .toList();
    }

    @Override
    public synchronized void remove(String name, boolean force) {
        Volume v = byName.get(name);
        if (v == null) {
            if (force) {
                return;
            }
            throw BerthException.notFound("get " + name + ": no such volume");
        }
        List<String> users = usage.users(name);
        if (!users.isEmpty() && !force) {
            throw BerthException.conflict("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
        }
        delete(v);
    }

    private void delete(Volume v) {
        String name = v.name();
        Path trashed = trash().resolve(name + "-" + HexFormat.of().formatHex(randomBytes()).substring(0, 8));
        try {
            unmountDevice(v);
            Files.createDirectories(trash());
            AtomicFiles.moveAndSync(root.resolve(name), trashed);
        } catch (IOException e) {
            throw BerthException.internal("remove " + name + ": " + e.getMessage(), e);
        }
        byName.remove(name);
        try {
            FileTrees.deleteRecursively(trashed);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete the files of volume " + name + ": " + e.getMessage());
        }
        publish(v, "destroy", Map.of("driver", v.driver()));
    }

    @Override
    public synchronized PruneReport prune(VolumeFilter filter, boolean all) {
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        for (Volume v : list(filter)) {
            if ((!all && !v.anonymous()) || !usage.users(v.name()).isEmpty()) {
                continue;
            }
            long size = size(v.mountpoint());
            delete(v);
            removed.add(v.name());
            bytes += size;
        }
        return new PruneReport(removed, bytes);
    }

    @Override
    public synchronized Path mount(String name, String containerId, String destination, boolean readOnly) {
        Volume v = inspect(name);
        if (!v.options().isEmpty()) {
            Set<String> users = mountedBy.computeIfAbsent(name, n -> new HashSet<>());
            if (users.isEmpty()) {
                try {
                    if (!Mounts.isMountPoint(v.mountpoint())) {
                        LocalDriverOptions.mount(v.options(), v.mountpoint());
                    }
                } catch (IOException e) {
                    mountedBy.remove(name);
                    throw BerthException.internal("error while mounting volume '" + v.mountpoint() + "': "
                            + e.getMessage(), e);
                }
            }
            users.add(containerId);
        }
        publish(v, "mount", Map.of("container", containerId, "destination", destination, "driver", v.driver(),
                "propagation", "", "read/write", Boolean.toString(!readOnly)));
        return v.mountpoint();
    }

    @Override
    public synchronized void unmount(String name, String containerId) {
        Volume v = byName.get(name);
        if (v == null) {
            return;
        }
        Set<String> users = mountedBy.get(name);
        if (users != null && users.remove(containerId) && users.isEmpty()) {
            try {
                unmountDevice(v);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot unmount volume " + name + ": " + e.getMessage());
            }
        }
        publish(v, "unmount", Map.of("container", containerId, "driver", v.driver()));
    }

    @Override
    public List<String> users(String name) {
        return usage.users(name);
    }

    private void unmountDevice(Volume v) throws IOException {
        mountedBy.remove(v.name());
        if (!v.options().isEmpty() && Mounts.isMountPoint(v.mountpoint())) {
            Mounts.unmount(v.mountpoint(), true);
        }
    }

    /** Bytes under {@code dir} as dockerd's directory.Size counts reclaimed space (hard links once). */
    static long size(Path dir) {
        try {
            return berth.store.DirectorySize.of(dir);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "size of " + dir + ": " + e.getMessage());
            return 0;
        }
    }

    private Path data(String name) {
        return root.resolve(name).resolve("_data");
    }

    private Path trash() {
        return root.resolve(".trash");
    }

    private void publish(Volume v, String action, Map<String, String> attributes) {
        events.publish(new Event("volume", action, v.name(), attributes, Instant.now()));
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }
}
