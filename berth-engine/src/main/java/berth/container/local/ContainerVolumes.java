package berth.container.local;

import berth.archive.RootedTree;
import berth.container.BindSpec;
import berth.container.HostConfig;
import berth.container.VolumeMount;
import berth.errors.BerthException;
import berth.store.AtomicFiles;
import berth.volume.Volume;
import berth.volume.VolumeService;
import berth.volume.VolumeSpec;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A container's volume mount points: planned from {@code -v name:/path}, {@code --mount type=volume},
 * {@code Config.Volumes}, the image's VOLUMEs and {@code --volumes-from} at create; kept in
 * {@code containers/<id>/volumes.json} (written before the container's config, so a stored container
 * always has them); handed to the runtime at start as binds of each volume's data directory, after the
 * copy-up of the image's content into a still-empty volume. Without a {@link VolumeService} (tests,
 * older wiring) named volumes are refused as before.
 */
final class ContainerVolumes {
    private static final System.Logger LOG = System.getLogger(ContainerVolumes.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "volumes.json";

    private final VolumeService volumes;
    private final Map<String, List<VolumeMount>> byContainer = new ConcurrentHashMap<>();
    /** Volumes mounted for a container's current run; kept apart because the run may end after removal. */
    private final Map<String, List<String>> mountedFor = new ConcurrentHashMap<>();

    ContainerVolumes(VolumeService volumes) {
        this.volumes = volumes;
    }

    /** A volume the create request asks for; {@code name} empty: a new anonymous volume. */
    record Request(Optional<String> name, String destination, boolean readOnly, String mode, boolean copyData,
            String bindSpec) {}

    /** The request's HostConfig without its volume entries (those are {@code requests}). */
    record Plan(HostConfig hostConfig, List<Request> requests) {}

    /**
     * Splits the volume entries out of binds and --mount, and checks them with Docker's messages.
     * Side-effect free; {@link #create} makes the volumes.
     */
    static Plan plan(HostConfig h, List<String> configVolumes) {
        List<String> binds = new ArrayList<>();
        List<HostConfig.Mount> mounts = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (String raw : h.binds()) {
            Optional<Request> r = namedBind(raw);
            if (r.isPresent()) {
                requests.add(r.get());
            } else {
                binds.add(raw);
            }
        }
        for (HostConfig.Mount m : h.mounts()) {
            if (!m.type().equals("volume")) {
                mounts.add(m);
                continue;
            }
            BindSpec.checkTarget(m.target(), "volume", "");
            if (!m.propagation().isEmpty()) {
                throw BerthException.invalid(BindSpec.mountConfig("volume", "field BindOptions must not be specified"));
            }
            if (m.tmpfsSize() != 0 || m.tmpfsMode() != 0) {
                throw BerthException.invalid(BindSpec.mountConfig("volume", "field TmpfsOptions must not be specified"));
            }
            requests.add(new Request(Optional.of(m.source()).filter(s -> !s.isEmpty()), m.target(), m.readOnly(),
                    "z", !m.volumeNoCopy(), ""));
        }
        Set<String> targets = new HashSet<>();
        for (Request r : requests) {
            if (!targets.add(clean(r.destination()))) {
                throw BerthException.invalid("Duplicate mount point: " + clean(r.destination()));
            }
        }
        for (String raw : binds) {
            if (targets.contains(clean(BindSpec.parse(raw).target()))) {
                throw BerthException.invalid("Duplicate mount point: " + clean(BindSpec.parse(raw).target()));
            }
        }
        List<String> others = new ArrayList<>(h.tmpfs().keySet());
        mounts.forEach(m -> others.add(m.target()));
        for (String other : others) {
            if (targets.contains(clean(other))) {
                throw BerthException.invalid("Duplicate mount point: " + clean(other));
            }
        }
        for (String path : configVolumes) {
            if (!path.startsWith("/")) {
                throw BerthException.invalid("invalid mount path: '" + path + "' mount path must be absolute");
            }
            if (path.equals("/")) {
                throw BerthException.invalid("invalid specification: destination can't be '/'");
            }
        }
        HostConfig stripped = h.withStorage(binds, mounts);
        return new Plan(stripped, requests);
    }

    /**
     * {@code --volumes-from} shares the other containers' host binds too: they are added to the
     * request's binds (read-only when the source's is, or with ":ro"), except where the request
     * itself mounts something at the same destination.
     *
     * @param hostConfigOf a container reference → its stored HostConfig (NOT_FOUND if none)
     */
    static HostConfig withBindsFrom(HostConfig h, List<String> volumesFrom, Function<String, HostConfig> hostConfigOf) {
        if (volumesFrom.isEmpty()) {
            return h;
        }
        Set<String> own = new HashSet<>();
        for (String raw : h.binds()) {
            String[] arr = raw.split(":", 4);
            if (arr.length >= 2) {
                own.add(clean(arr[1]));
            }
        }
        h.mounts().forEach(m -> own.add(clean(m.target())));
        h.tmpfs().keySet().forEach(t -> own.add(clean(t)));
        List<String> binds = new ArrayList<>(h.binds());
        for (String from : volumesFrom) {
            String[] parts = from.split(":", 2);
            String mode = parts.length == 2 ? parts[1] : "";
            if (!mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw")) {
                throw BerthException.invalid("invalid mode: " + mode);
            }
            for (String raw : hostConfigOf.apply(parts[0]).binds()) {
                BindSpec b = BindSpec.parse(raw);
                if (!own.add(clean(b.target()))) {
                    continue;
                }
                boolean ro = b.readOnly() || mode.equals("ro");
                binds.add(b.source() + ":" + b.target() + (ro ? ":ro" : "")
                        + (b.propagation().isEmpty() ? "" : (ro ? "," : ":") + b.propagation()));
            }
        }
        return withBinds(h, binds);
    }

    /** {@code name:/path[:mode]}: a bind whose source is not a path names a volume. */
    static Optional<Request> namedBind(String raw) {
        String[] arr = raw.split(":", 4);
        if (arr.length < 2 || arr.length > 3 || arr[0].isEmpty() || arr[0].startsWith("/")) {
            return Optional.empty(); // a host path, or malformed: BindSpec says which
        }
        String mode = arr.length == 3 ? arr[2] : "";
        String target = arr[1];
        BindSpec.checkTarget(target, "volume", "invalid volume specification: '" + raw + "': ");
        boolean ro = false;
        boolean copy = true;
        Set<String> seen = new HashSet<>();
        for (String m : mode.isEmpty() ? new String[0] : mode.split(",", -1)) {
            String kind = switch (m) {
                case "ro", "rw" -> "rw";
                case "z", "Z" -> "z";
                case "nocopy" -> "nocopy";
                default -> BindSpec.PROPAGATIONS.contains(m) ? "propagation" : null;
            };
            if (kind == null || !seen.add(kind)) {
                throw BerthException.invalid("invalid mode: " + mode);
            }
            ro |= m.equals("ro");
            copy &= !m.equals("nocopy");
        }
        return Optional.of(new Request(Optional.of(arr[0]), target, ro, mode, copy, raw));
    }

    /**
     * Makes the container's volumes: named ones are created if missing, anonymous ones new; the
     * image's VOLUMEs and {@code Config.Volumes} get anonymous volumes where nothing else is mounted;
     * {@code --volumes-from} shares another container's volume mount points.
     *
     * @param mountedElsewhere destinations of binds and tmpfs, which win over image volumes
     * @param volumesOf        a container reference → its volume mount points (NOT_FOUND if none)
     */
    List<VolumeMount> create(String id, Plan plan, List<String> configVolumes, List<String> imageVolumes,
            List<String> volumesFrom, Set<String> mountedElsewhere, Function<String, List<VolumeMount>> volumesOf) {
        boolean wanted = !plan.requests().isEmpty() || !configVolumes.isEmpty() || !imageVolumes.isEmpty()
                || !volumesFrom.isEmpty();
        if (!wanted) {
            return List.of();
        }
        if (volumes == null) {
            throw BerthException.notImplemented("volumes are not supported by this engine (no volume service)");
        }
        Map<String, VolumeMount> byDest = new LinkedHashMap<>();
        for (String from : volumesFrom) {
            String[] parts = from.split(":", 2);
            String mode = parts.length == 2 ? parts[1] : "";
            if (!mode.isEmpty() && !mode.equals("ro") && !mode.equals("rw")) {
                throw BerthException.invalid("invalid mode: " + mode);
            }
            for (VolumeMount m : volumesOf.apply(parts[0])) {
                if (mountedElsewhere.contains(clean(m.destination()))) {
                    continue; // the container's own bind there wins, as in Docker
                }
                // Docker: read-write only when both the source's mount and the requested mode allow it
                boolean ro = m.readOnly() || mode.equals("ro");
                byDest.put(clean(m.destination()), m.withReadOnly(ro, mode.isEmpty() ? m.mode() : mode));
            }
        }
        List<String> made = new ArrayList<>();
        try {
            for (Request r : plan.requests()) {
                Volume v = r.name().flatMap(this::existing)
                        .orElseGet(() -> created(r.name().map(VolumeSpec::named).orElseGet(VolumeSpec::anonymous), made));
                byDest.put(clean(r.destination()), new VolumeMount(v.name(), r.destination(), r.readOnly(), r.mode(),
                        r.copyData(), v.anonymous(), r.bindSpec(), v.mountpoint().toString()));
            }
            List<String> anonymousPaths = new ArrayList<>(imageVolumes);
            anonymousPaths.addAll(configVolumes);
            for (String path : anonymousPaths) {
                String dest = clean(path);
                if (byDest.containsKey(dest) || mountedElsewhere.contains(dest)) {
                    continue;
                }
                Volume v = created(VolumeSpec.anonymous(), made);
                byDest.put(dest, new VolumeMount(v.name(), dest, false, "", true, true, "", v.mountpoint().toString()));
            }
            List<VolumeMount> out = List.copyOf(byDest.values());
            byContainer.put(id, out);
            return out;
        } catch (RuntimeException e) {
            for (String name : made) {
                try {
                    volumes.remove(name, true);
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private Optional<Volume> existing(String name) {
        try {
            return Optional.of(volumes.inspect(name));
        } catch (BerthException e) {
            if (e.kind() != berth.errors.ErrorKind.NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private Volume created(VolumeSpec spec, List<String> made) {
        Volume v = volumes.create(spec);
        made.add(v.name());
        return v;
    }

    void save(ContainerFiles files, List<VolumeMount> mounts) throws IOException {
        if (!mounts.isEmpty()) {
            AtomicFiles.write(files.dir().resolve(FILE), JSON.writeValueAsBytes(mounts));
        }
    }

    /** Reads a stored container's mount points back (at daemon start). */
    void load(String id, ContainerFiles files) throws IOException {
        Path file = files.dir().resolve(FILE);
        if (Files.isRegularFile(file)) {
            byContainer.put(id, JSON.readValue(file.toFile(), new TypeReference<List<VolumeMount>>() {}));
        }
    }

    List<VolumeMount> of(String id) {
        return byContainer.getOrDefault(id, List.of());
    }

    /** IDs of containers with a mount point naming the volume. */
    List<String> users(String volume) {
        return byContainer.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(m -> m.name().equals(volume)))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Mounts the container's volumes for a run and returns the HostConfig the runtime gets: the stored
     * one plus one bind per volume mount point. A volume still empty is first filled with what the
     * image has at its destination (Docker's copy-up), unless nocopy.
     */
    HostConfig forRun(String id, HostConfig stored, Path rootfs) throws IOException {
        List<VolumeMount> mounts = of(id);
        if (mounts.isEmpty()) {
            return stored;
        }
        List<String> binds = new ArrayList<>(stored.binds());
        RootedTree tree = new RootedTree(rootfs);
        release(id); // a run that never got its clean-up
        List<String> mounted = new ArrayList<>();
        mountedFor.put(id, mounted);
        for (VolumeMount m : mounts) {
            Path data = volumes.mount(m.name(), id, m.destination(), m.readOnly());
            mounted.add(m.name());
            if (m.copyData()) {
                Path inImage = tree.follow(m.destination());
                if (Files.isDirectory(inImage, LinkOption.NOFOLLOW_LINKS) && isEmpty(data)) {
                    VolumeCopyUp.copy(inImage, data);
                }
            }
            binds.add(data + ":" + m.destination() + (m.readOnly() ? ":ro" : ""));
        }
        return withBinds(stored, binds);
    }

    /** The HostConfig with the volumes as binds, without mounting (docker cp of a stopped container). */
    HostConfig withVolumeBinds(String id, HostConfig stored) {
        List<String> binds = new ArrayList<>(stored.binds());
        for (VolumeMount m : of(id)) {
            binds.add(m.source() + ":" + m.destination() + (m.readOnly() ? ":ro" : ""));
        }
        return withBinds(stored, binds);
    }

    /** The run is over: volumes with a driver device are unmounted when no run needs them. */
    void release(String id) {
        List<String> mounted = mountedFor.remove(id);
        for (String name : mounted == null ? List.<String>of() : mounted) {
            try {
                volumes.unmount(name, id);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot unmount volume " + name + ": " + e.getMessage());
            }
        }
    }

    /** The container is gone; with {@code removeAnonymous} its anonymous volumes go too (rm -v, --rm). */
    void forget(String id, boolean removeAnonymous) {
        List<VolumeMount> mounts = byContainer.remove(id);
        if (mounts == null || !removeAnonymous) {
            return;
        }
        for (VolumeMount m : mounts) {
            if (m.anonymous() && users(m.name()).isEmpty()) {
                try {
                    volumes.remove(m.name(), false);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot remove volume " + m.name() + ": " + e.getMessage());
                }
            }
        }
    }

    private static HostConfig withBinds(HostConfig h, List<String> binds) {
        return h.withStorage(binds, h.mounts());
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Destinations of binds, --mount and --tmpfs: an image VOLUME there gets no volume. */
    static Set<String> otherTargets(HostConfig h) {
        Set<String> out = new HashSet<>();
        h.binds().forEach(b -> out.add(clean(BindSpec.parse(b).target())));
        h.mounts().forEach(m -> out.add(clean(m.target())));
        h.tmpfs().keySet().forEach(t -> out.add(clean(t)));
        return out;
    }

    static String clean(String path) {
        return Path.of(path).normalize().toString();
    }
}
