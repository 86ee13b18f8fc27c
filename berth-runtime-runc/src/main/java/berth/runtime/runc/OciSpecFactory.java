package berth.runtime.runc;

import berth.runtime.RuntimeSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the bundle's config.json (OCI runtime spec 1.0.2) for one container with Docker 20.10's
 * defaults for an unprivileged container: its capability set, seccomp profile, masked and read-only
 * /proc paths, default mounts, device cgroup rules and namespaces. Pure: everything it reads from
 * the host or the rootfs comes in as arguments.
 */
final class OciSpecFactory {
    /** Docker's default capabilities (moby oci/caps/defaults.go), granted as bounding, effective and permitted. */
    static final List<String> DEFAULT_CAPABILITIES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
            "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    static final List<String> MASKED_PATHS = List.of(
            "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    static final List<String> READONLY_PATHS = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** Cgroup parent for all containers, like Docker's "/docker" with the cgroupfs driver. */
    static final String CGROUP_PARENT = "/berth";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final SeccompProfile seccomp;
    private final HostFacts host;

    OciSpecFactory(SeccompProfile seccomp, HostFacts host) {
        this.seccomp = seccomp;
        this.host = host;
    }

    ObjectNode create(RuntimeSpec spec, ResolvedUser user) {
        ObjectNode root = F.objectNode();
        root.put("ociVersion", "1.0.2");
        root.set("process", process(spec, user));
        ObjectNode rootfs = root.putObject("root");
        rootfs.put("path", spec.rootfs().toAbsolutePath().toString());
        rootfs.put("readonly", false);
        root.put("hostname", hostname(spec));
        root.set("mounts", mounts(spec));
        root.set("linux", linux(spec));
        return root;
    }

    private String hostname(RuntimeSpec spec) {
        // Docker: a host-network container shows the host's name unless one was asked for.
        if (spec.hostname() == null || spec.hostname().isBlank()) {
            return spec.hostNetwork() ? host.hostname() : spec.id().substring(0, Math.min(12, spec.id().length()));
        }
        return spec.hostname();
    }

    private ObjectNode process(RuntimeSpec spec, ResolvedUser user) {
        ObjectNode p = F.objectNode();
        p.put("terminal", spec.tty());
        ObjectNode u = p.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ArrayNode gids = u.putArray("additionalGids");
            user.additionalGids().forEach(gids::add);
        }
        ArrayNode args = p.putArray("args");
        spec.args().forEach(args::add);
        ArrayNode env = p.putArray("env");
        spec.env().forEach(env::add);
        p.put("cwd", spec.workingDir() == null || spec.workingDir().isBlank() ? "/" : spec.workingDir());
        ObjectNode caps = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = caps.putArray(set);
            DEFAULT_CAPABILITIES.forEach(a::add);
        }
        ArrayNode rlimits = p.putArray("rlimits");
        // Docker passes no rlimits, so containers inherit containerd's (high) limits. We inherit the
        // daemon's hard open-files limit explicitly as both soft and hard: never more, or runc fails.
        host.nofileHardLimit().ifPresent(hard -> {
            ObjectNode nofile = rlimits.addObject();
            nofile.put("type", "RLIMIT_NOFILE");
            nofile.put("hard", hard);
            nofile.put("soft", hard);
        });
        p.put("noNewPrivileges", false);
        p.put("oomScoreAdj", 0);
        return p;
    }

    private static ArrayNode mounts(RuntimeSpec spec) {
        ArrayNode m = F.arrayNode();
        mount(m, "/proc", "proc", "proc", "nosuid", "noexec", "nodev");
        mount(m, "/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k");
        mount(m, "/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5");
        mount(m, "/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro");
        mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev");
        mount(m, "/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev");
        mount(m, "/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=67108864");
        // /etc/hosts, /etc/hostname, /etc/resolv.conf: read-write binds, as Docker does.
        spec.etcFiles().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> {
                    ObjectNode b = m.addObject();
                    b.put("destination", e.getKey());
                    b.put("type", "bind");
                    b.put("source", e.getValue().toAbsolutePath().toString());
                    ArrayNode o = b.putArray("options");
                    o.add("rbind");
                    o.add("rprivate");
                });
        return m;
    }

    private static void mount(ArrayNode m, String destination, String type, String source, String... options) {
        ObjectNode o = m.addObject();
        o.put("destination", destination);
        o.put("type", type);
        o.put("source", source);
        ArrayNode opts = o.putArray("options");
        for (String s : options) {
            opts.add(s);
        }
    }

    private ObjectNode linux(RuntimeSpec spec) {
        ObjectNode l = F.objectNode();
        ObjectNode resources = l.putObject("resources");
        resources.set("devices", deviceRules());
        l.put("cgroupsPath", CGROUP_PARENT + "/" + spec.id());
        ArrayNode ns = l.putArray("namespaces");
        for (String type : List.of("pid", "ipc", "uts", "mount")) {
            ns.addObject().put("type", type);
        }
        if (!spec.hostNetwork()) {
            ns.addObject().put("type", "network");
        }
        Set<String> granted = new LinkedHashSet<>(DEFAULT_CAPABILITIES);
        l.set("seccomp", seccomp.toOci("amd64", "SCMP_ARCH_X86_64", granted, host.kernel()));
        ArrayNode masked = l.putArray("maskedPaths");
        MASKED_PATHS.forEach(masked::add);
        ArrayNode ro = l.putArray("readonlyPaths");
        READONLY_PATHS.forEach(ro::add);
        return l;
    }

    /**
     * Deny everything, then allow what runc creates in /dev by default plus ptys: Docker's rules
     * (moby oci/defaults.go and runc's allowed devices). "m" on all devices lets mknod succeed while
     * the new node stays unusable, as in Docker.
     */
    private static ArrayNode deviceRules() {
        ArrayNode d = F.arrayNode();
        ObjectNode denyAll = d.addObject();
        denyAll.put("allow", false);
        denyAll.put("access", "rwm");
        device(d, true, "c", null, null, "m");
        device(d, true, "b", null, null, "m");
        device(d, true, "c", 1L, 3L, "rwm");   // /dev/null
        device(d, true, "c", 1L, 5L, "rwm");   // /dev/zero
        device(d, true, "c", 1L, 7L, "rwm");   // /dev/full
        device(d, true, "c", 1L, 8L, "rwm");   // /dev/random
        device(d, true, "c", 1L, 9L, "rwm");   // /dev/urandom
        device(d, true, "c", 5L, 0L, "rwm");   // /dev/tty
        device(d, true, "c", 5L, 1L, "rwm");   // /dev/console
        device(d, true, "c", 5L, 2L, "rwm");   // /dev/ptmx
        device(d, true, "c", 136L, null, "rwm"); // /dev/pts/*
        return d;
    }

    private static void device(ArrayNode d, boolean allow, String type, Long major, Long minor, String access) {
        ObjectNode o = d.addObject();
        o.put("allow", allow);
        o.put("type", type);
        if (major != null) {
            o.put("major", major);
        }
        if (minor != null) {
            o.put("minor", minor);
        }
        o.put("access", access);
    }
}
