package berth.runtime.runc;

import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.runtime.RuntimeSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the bundle's config.json (OCI runtime spec 1.0.2) for one container with Docker 20.10's
 * defaults for an unprivileged container: its capability set, seccomp profile, masked and read-only
 * /proc paths, default mounts, device cgroup rules and namespaces; then what the container's
 * HostConfig asks for on top (capabilities, --privileged, seccomp and no-new-privileges, a read-only
 * rootfs, mounts, devices, --init, sysctls, rlimits, shared or joined namespaces). Nothing comes from
 * the image: its config cannot grant itself anything. Pure but for the init-binary check: what it
 * reads from the host (facts, bounding set, devices) or the rootfs comes in as arguments.
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
    private final HostSecurity security;

    /** With the capabilities, init binary and devices of the host this runs on. */
    OciSpecFactory(SeccompProfile seccomp, HostFacts host) {
        this(seccomp, host, HostSecurity.read());
    }

    OciSpecFactory(SeccompProfile seccomp, HostFacts host, HostSecurity security) {
        this.seccomp = seccomp;
        this.host = host;
        this.security = security;
    }

    ObjectNode create(RuntimeSpec spec, ResolvedUser user) {
        if (spec.hostConfig().init() && !Files.isRegularFile(security.initBinary())) {
            throw new BerthException(ErrorKind.FAILED_PRECONDITION, "--init needs " + security.initBinary()
                    + ", which is missing: install the Debian package tini");
        }
        ObjectNode root = F.objectNode();
        root.put("ociVersion", "1.0.2");
        root.set("process", process(spec, user));
        ObjectNode rootfs = root.putObject("root");
        rootfs.put("path", spec.rootfs().toAbsolutePath().toString());
        rootfs.put("readonly", spec.hostConfig().readonlyRootfs());
        // Without a UTS namespace of its own the container cannot have a name of its own (runc refuses).
        if (!spec.hostConfig().utsMode().equals("host")) {
            root.put("hostname", hostname(spec));
        }
        ArrayNode mounts = OciMounts.build(spec, security.initBinary());
        root.set("mounts", mounts);
        ObjectNode linux = linux(spec, granted(spec));
        OciMounts.rootfsPropagation(mounts).ifPresent(p -> linux.put("rootfsPropagation", p));
        root.set("linux", linux);
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
        if (spec.tty() && spec.consoleSize().isPresent()) {
            ObjectNode size = p.putObject("consoleSize");
            size.put("height", spec.consoleSize().get().height());
            size.put("width", spec.consoleSize().get().width());
        }
        ObjectNode u = p.putObject("user");
        u.put("uid", user.uid());
        u.put("gid", user.gid());
        if (!user.additionalGids().isEmpty()) {
            ArrayNode gids = u.putArray("additionalGids");
            user.additionalGids().forEach(gids::add);
        }
        ArrayNode args = p.putArray("args");
        if (spec.hostConfig().init()) {
            // Docker's form: tini reaps zombies and forwards signals to the command it starts
            args.add(OciMounts.INIT_PATH);
            args.add("--");
        }
        spec.args().forEach(args::add);
        ArrayNode env = p.putArray("env");
        spec.env().forEach(env::add);
        p.put("cwd", spec.workingDir() == null || spec.workingDir().isBlank() ? "/" : spec.workingDir());
        ObjectNode caps = p.putObject("capabilities");
        // As Docker (moby oci.SetCapabilities): a non-root user gets the bounding set only, so it
        // holds no capability unless a file grants one, just as after execve.
        List<String> granted = granted(spec);
        for (String set : user.uid() == 0 ? List.of("bounding", "effective", "permitted") : List.of("bounding")) {
            ArrayNode a = caps.putArray(set);
            granted.forEach(a::add);
        }
        p.set("rlimits", rlimits(spec.hostConfig()));
        p.put("noNewPrivileges", SecurityOptions.parse(spec.hostConfig().securityOpt()).noNewPrivileges());
        p.put("oomScoreAdj", 0);
        return p;
    }

    private ObjectNode linux(RuntimeSpec spec, List<String> granted) {
        HostConfig h = spec.hostConfig();
        ObjectNode l = F.objectNode();
        ObjectNode resources = l.putObject("resources");
        List<GrantedDevice> devices = devices(h);
        resources.set("devices", h.privileged() ? allowAllDevices() : deviceRules(devices));
        if (!devices.isEmpty()) {
            ArrayNode nodes = l.putArray("devices");
            devices.forEach(d -> deviceNode(nodes, d.node()));
        }
        OciResources.writeTo(resources, spec.hostConfig().resources());
        l.put("cgroupsPath", CGROUP_PARENT + "/" + spec.id());
        l.set("namespaces", namespaces(spec));
        if (!h.sysctls().isEmpty()) {
            ObjectNode sysctl = l.putObject("sysctl");
            new TreeMap<>(h.sysctls()).forEach(sysctl::put);
        }
        seccomp(h, granted).ifPresent(s -> l.set("seccomp", s));
        // A privileged container sees the host's /proc and /sys as they are (Docker).
        if (!h.privileged()) {
            ArrayNode masked = l.putArray("maskedPaths");
            MASKED_PATHS.forEach(masked::add);
            ArrayNode ro = l.putArray("readonlyPaths");
            READONLY_PATHS.forEach(ro::add);
        }
        return l;
    }

    private List<String> granted(RuntimeSpec spec) {
        return Capabilities.granted(spec.hostConfig(), DEFAULT_CAPABILITIES, security.boundingSet());
    }

    /**
     * New namespaces, except those shared with the host (--pid/--ipc/--uts host, --network host) and
     * those joined (namespacePaths, from --pid/--ipc container:x).
     */
    private static ArrayNode namespaces(RuntimeSpec spec) {
        HostConfig h = spec.hostConfig();
        Map<String, Boolean> shareHost = Map.of("pid", h.pidMode().equals("host"), "ipc", h.ipcMode().equals("host"),
                "uts", h.utsMode().equals("host"), "mount", false, "network", spec.hostNetwork());
        ArrayNode ns = F.arrayNode();
        for (String type : List.of("pid", "ipc", "uts", "mount", "network")) {
            java.nio.file.Path join = spec.namespacePaths().get(type);
            if (join != null) {
                ObjectNode n = ns.addObject();
                n.put("type", type);
                n.put("path", join.toString());
            } else if (!shareHost.get(type)) {
                ns.addObject().put("type", type);
            }
        }
        return ns;
    }

    /** None for --privileged and seccomp=unconfined; else the given profile or Docker's, for the granted caps. */
    private Optional<ObjectNode> seccomp(HostConfig h, List<String> granted) {
        SecurityOptions opts = SecurityOptions.parse(h.securityOpt());
        if (h.privileged() || opts.seccompUnconfined()) {
            return Optional.empty();
        }
        SeccompProfile profile = opts.seccompProfile().map(SeccompProfile::parseJson).orElse(seccomp);
        return Optional.of(profile.toOci("amd64", "SCMP_ARCH_X86_64", new LinkedHashSet<>(granted), host.kernel()));
    }

    /** Docker passes no rlimits unless asked (--ulimit), so containers inherit containerd's high limits. */
    private ArrayNode rlimits(HostConfig h) {
        ArrayNode rlimits = F.arrayNode();
        boolean nofileGiven = false;
        for (HostConfig.Ulimit u : h.resources().ulimits()) {
            String type = "RLIMIT_" + u.name().toUpperCase(Locale.ROOT);
            nofileGiven |= type.equals("RLIMIT_NOFILE");
            ObjectNode r = rlimits.addObject();
            r.put("type", type);
            r.put("hard", u.hard());
            r.put("soft", u.soft());
        }
        // We inherit the daemon's hard open-files limit explicitly as both soft and hard: never more,
        // or runc fails ("error setting rlimits").
        if (!nofileGiven) {
            host.nofileHardLimit().ifPresent(hard -> {
                ObjectNode nofile = rlimits.addObject();
                nofile.put("type", "RLIMIT_NOFILE");
                nofile.put("hard", hard);
                nofile.put("soft", hard);
            });
        }
        return rlimits;
    }

    /** A device node the container gets, with the cgroup access it is allowed ("rwm" and subsets). */
    private record GrantedDevice(DeviceNode node, String access) {}

    /** Every host device for --privileged; then --device, each host path resolved to its node(s) at the container path. */
    private List<GrantedDevice> devices(HostConfig h) {
        List<GrantedDevice> out = new ArrayList<>();
        if (h.privileged()) {
            security.devices().all().forEach(d -> out.add(new GrantedDevice(d, "rwm")));
        }
        for (HostConfig.DeviceMapping m : h.devices()) {
            String target = m.pathInContainer().isEmpty() ? m.pathOnHost() : m.pathInContainer();
            String access = m.cgroupPermissions().isEmpty() ? "rwm" : m.cgroupPermissions();
            for (DeviceNode d : security.devices().lookup(m.pathOnHost())) {
                // a directory maps its tree: /dev/snd:/dev/audio puts /dev/snd/x at /dev/audio/x
                out.add(new GrantedDevice(d.at(target + d.path().substring(m.pathOnHost().length())), access));
            }
        }
        return out;
    }

    private static void deviceNode(ArrayNode nodes, DeviceNode d) {
        ObjectNode o = nodes.addObject();
        o.put("path", d.path());
        o.put("type", String.valueOf(d.type()));
        o.put("major", d.major());
        o.put("minor", d.minor());
        o.put("fileMode", d.fileMode());
        o.put("uid", d.uid());
        o.put("gid", d.gid());
    }

    private static ArrayNode allowAllDevices() {
        ArrayNode d = F.arrayNode();
        ObjectNode all = d.addObject();
        all.put("allow", true);
        all.put("access", "rwm");
        return d;
    }

    /**
     * Deny everything, then allow what runc creates in /dev by default plus ptys: Docker's rules
     * (moby oci/defaults.go and runc's allowed devices). "m" on all devices lets mknod succeed while
     * the new node stays unusable, as in Docker.
     */
    private static ArrayNode deviceRules(List<GrantedDevice> devices) {
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
        for (GrantedDevice g : devices) {
            device(d, true, String.valueOf(g.node().type()), g.node().major(), g.node().minor(), g.access());
        }
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
