package berth.runtime.runc;

import berth.container.BindSpec;
import berth.container.HostConfig;
import berth.runtime.RuntimeSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OCI spec's mounts, as Docker lays them out (moby daemon/oci_linux.go WithMounts): the default
 * kernel filesystems first, minus any the user mounts over; then the user's mounts (the /etc files,
 * binds, --mount, --tmpfs and the init binary) ordered parents before children. Privileged
 * containers get /sys and the cgroup tree writable; a read-only rootfs makes the defaults read-only
 * too, except the ones a process needs to write (/proc, /dev, ptys, shm, mqueue).
 */
final class OciMounts {
    static final String INIT_PATH = "/sbin/docker-init";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> STAY_WRITABLE = Set.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue");

    private OciMounts() {}

    /** One mount of the spec. */
    record Mount(String destination, String type, String source, List<String> options) {
        Mount {
            options = List.copyOf(options);
        }
    }

    static ArrayNode build(RuntimeSpec spec, Path initBinary) {
        HostConfig h = spec.hostConfig();
        List<Mount> user = userMounts(spec, initBinary);
        Set<String> taken = new HashSet<>();
        user.forEach(m -> taken.add(m.destination()));
        ArrayNode out = F.arrayNode();
        for (Mount m : defaults(spec)) {
            if (taken.contains(m.destination())) {
                continue;
            }
            List<String> options = new ArrayList<>(m.options());
            if (h.privileged() && (m.destination().equals("/sys") || m.destination().equals("/sys/fs/cgroup"))) {
                options.remove("ro");
            }
            if (h.readonlyRootfs() && !STAY_WRITABLE.contains(m.destination()) && !options.contains("ro")) {
                options.add("ro");
            }
            add(out, new Mount(m.destination(), m.type(), m.source(), options));
        }
        user.stream().sorted(Comparator.comparingInt(m -> depth(m.destination()))).forEach(m -> add(out, m));
        return out;
    }

    private static List<Mount> defaults(RuntimeSpec spec) {
        HostConfig h = spec.hostConfig();
        List<Mount> d = new ArrayList<>();
        d.add(new Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
        d.add(new Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")));
        d.add(new Mount("/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
        d.add(new Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")));
        d.add(new Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")));
        d.add(new Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
        shm(spec).ifPresent(d::add);
        return d;
    }

    /**
     * /dev/shm by IPC mode: a private tmpfs of --shm-size; the host's for "host"; none for "none";
     * for a shareable container, or one that joins another's IPC, the host-side tmpfs the engine
     * mounted (the engine's {@code sharedShm}), as Docker keeps shareable ones on the host.
     */
    private static Optional<Mount> shm(RuntimeSpec spec) {
        HostConfig h = spec.hostConfig();
        String ipc = h.ipcMode();
        if (ipc.equals("none")) {
            return Optional.empty();
        }
        if (ipc.equals("host")) {
            return Optional.of(new Mount("/dev/shm", "bind", "/dev/shm", List.of("rbind", "rprivate")));
        }
        if (spec.sharedShm().isPresent()) {
            return Optional.of(new Mount("/dev/shm", "bind", spec.sharedShm().get().toString(),
                    List.of("rbind", "rprivate")));
        }
        return Optional.of(new Mount("/dev/shm", "tmpfs", "shm",
                List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + h.effectiveShmSize())));
    }

    private static List<Mount> userMounts(RuntimeSpec spec, Path initBinary) {
        HostConfig h = spec.hostConfig();
        List<Mount> user = new ArrayList<>();
        Set<String> own = new HashSet<>();
        for (String bind : h.binds()) {
            Mount m = bind(bind);
            own.add(m.destination());
            user.add(m);
        }
        for (HostConfig.Mount m : h.mounts()) {
            own.add(m.target());
            user.add(switch (m.type()) {
                case "tmpfs" -> new Mount(m.target(), "tmpfs", "tmpfs", TmpfsOptions.withDefaults(tmpfsData(m)));
                default -> new Mount(m.target(), "bind", m.source(), bindOptions(m.readOnly(), m.propagation()));
            });
        }
        for (Map.Entry<String, String> t : new java.util.TreeMap<>(h.tmpfs()).entrySet()) {
            own.add(t.getKey());
            user.add(new Mount(t.getKey(), "tmpfs", "tmpfs", TmpfsOptions.withDefaults(t.getValue())));
        }
        // /etc/hosts, /etc/hostname, /etc/resolv.conf: read-write binds, unless the user brought their own
        spec.etcFiles().entrySet().stream()
                .filter(e -> !own.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> user.add(new Mount(e.getKey(), "bind", e.getValue().toAbsolutePath().toString(),
                        List.of("rbind", "rprivate"))));
        if (h.init()) {
            user.add(new Mount(INIT_PATH, "bind", initBinary.toString(), List.of("bind", "ro")));
        }
        return user;
    }

    /** "/src:/dst[:ro|rw][,z|Z][,propagation][,nocopy]", validated by the engine. */
    static Mount bind(String spec) {
        BindSpec b = BindSpec.parse(spec);
        return new Mount(b.target(), "bind", b.source(), bindOptions(b.readOnly(), b.propagation()));
    }

    private static List<String> bindOptions(boolean readOnly, String propagation) {
        List<String> o = new ArrayList<>(List.of("rbind", propagation.isEmpty() ? "rprivate" : propagation));
        if (readOnly) {
            o.add("ro");
        }
        return o;
    }

    /** Docker's ConvertTmpfsOptions: read-only, mode in octal, size with the largest unit that divides it. */
    private static String tmpfsData(HostConfig.Mount m) {
        List<String> o = new ArrayList<>();
        if (m.readOnly()) {
            o.add("ro");
        }
        if (m.tmpfsMode() != 0) {
            o.add("mode=" + Integer.toOctalString(m.tmpfsMode()));
        }
        if (m.tmpfsSize() != 0) {
            long size = m.tmpfsSize();
            String suffix = "";
            for (String s : List.of("g", "m", "k")) {
                long unit = switch (s) {
                    case "g" -> 1L << 30;
                    case "m" -> 1L << 20;
                    default -> 1L << 10;
                };
                if (size % unit == 0) {
                    size /= unit;
                    suffix = s;
                    break;
                }
            }
            o.add("size=" + size + suffix);
        }
        return String.join(",", o);
    }

    /** The rootfs propagation binds need: shared binds need a shared rootfs, slave ones a slave one. */
    static Optional<String> rootfsPropagation(ArrayNode mounts) {
        boolean shared = false;
        boolean slave = false;
        for (var m : mounts) {
            for (var o : m.path("options")) {
                shared |= o.asText().equals("shared") || o.asText().equals("rshared");
                slave |= o.asText().equals("slave") || o.asText().equals("rslave");
            }
        }
        return shared ? Optional.of("rshared") : slave ? Optional.of("rslave") : Optional.empty();
    }

    private static int depth(String destination) {
        return Path.of(destination).normalize().getNameCount();
    }

    private static void add(ArrayNode out, Mount m) {
        ObjectNode o = out.addObject();
        o.put("destination", m.destination());
        o.put("type", m.type());
        o.put("source", m.source());
        ArrayNode opts = o.putArray("options");
        m.options().forEach(opts::add);
    }
}
