package berth.container.local;

import berth.container.BindSpec;
import berth.container.CapabilityNames;
import berth.container.HostConfig;
import berth.errors.BerthException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the non-resource part of a create request's HostConfig before anything is made, with Docker's
 * messages (status 400) where Docker has them: capabilities, --security-opt, binds and --mount,
 * --tmpfs, --device, --sysctl, IPC/PID/UTS modes, --ulimit names, --add-host and --dns. What passes
 * is well formed and refers to things that exist on the host; references to other containers
 * (--ipc/--pid container:x) are resolved at start, when their target must be running.
 * The resource numbers are {@code ResourceRules}' to check.
 */
final class HostConfigRules {
    /** Capability names the kernel knows, without the CAP_ prefix handling. */
    private static final Set<String> CAPABILITIES = Set.copyOf(CapabilityNames.BY_BIT);

    /** Sysctls that live in the IPC namespace (Docker's and runc's list). */
    private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni",
            "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private static final Set<String> ULIMITS = Set.of("as", "core", "cpu", "data", "fsize", "locks", "memlock",
            "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    private static final Set<String> TMPFS_FLAGS = Set.of("ro", "rw", "suid", "nosuid", "dev", "nodev", "exec",
            "noexec", "sync", "async", "dirsync", "mand", "nomand", "atime", "noatime", "diratime", "nodiratime",
            "relatime", "norelatime", "strictatime", "nostrictatime", "private", "rprivate", "shared", "rshared",
            "slave", "rslave", "unbindable", "runbindable", "defaults");
    private static final Set<String> TMPFS_KEYS = Set.of("size", "mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");

    private static final ObjectMapper JSON = new ObjectMapper();

    private HostConfigRules() {}

    /**
     * @param networkMode "host", "none", ... (net.* sysctls need a network namespace of their own)
     * @param hostname    the requested hostname, if any (it needs a UTS namespace of its own)
     * @return the HostConfig to store (as given: Docker shows the request back in inspect)
     * @throws BerthException INVALID_ARGUMENT with Docker's message; NOT_IMPLEMENTED for what berth lacks
     */
    static HostConfig validate(HostConfig h, String networkMode, Optional<String> hostname) {
        capabilities("CapAdd", h.capAdd());
        capabilities("CapDrop", h.capDrop());
        securityOptions(h.securityOpt());
        Set<String> targets = new HashSet<>();
        for (String bind : h.binds()) {
            unique(targets, BindSpec.parse(bind).target());
        }
        for (HostConfig.Mount m : h.mounts()) {
            mount(m);
            unique(targets, m.target());
        }
        for (Map.Entry<String, String> t : h.tmpfs().entrySet()) {
            tmpfs(t.getKey(), t.getValue());
            unique(targets, t.getKey());
        }
        for (HostConfig.DeviceMapping d : h.devices()) {
            device(d);
        }
        for (String g : h.groupAdd()) {
            if (g.isBlank()) {
                throw BerthException.invalid("invalid --group-add: a group name or number must not be empty");
            }
        }
        modes(h, hostname);
        sysctls(h, networkMode);
        ulimits(h.resources().ulimits());
        extraHosts(h.extraHosts());
        for (String dns : h.dns()) {
            if (!isIp(dns)) {
                throw BerthException.invalid("invalid --dns: " + dns + " is not an IP address");
            }
        }
        if (h.shmSize() < 0) {
            throw BerthException.invalid("SHM size can not be less than 0");
        }
        return h;
    }

    private static void capabilities(String field, List<String> caps) {
        for (String c : caps) {
            String name = c.trim().toUpperCase(Locale.ROOT);
            if (name.equals("ALL")) {
                continue;
            }
            if (!name.startsWith("CAP_")) {
                name = "CAP_" + name;
            }
            if (!CAPABILITIES.contains(name)) {
                throw BerthException.invalid("invalid " + field + ": unknown capability: \"" + name + "\"");
            }
        }
    }

    /** moby daemon parseSecurityOpt, and the seccomp profile must parse (LoadProfile). */
    private static void securityOptions(List<String> opts) {
        for (String opt : opts) {
            if (opt.equals("no-new-privileges") || opt.equals("disable")) {
                continue;
            }
            int sep = opt.contains("=") ? opt.indexOf('=') : opt.indexOf(':');
            if (sep < 0) {
                throw BerthException.invalid("invalid --security-opt 1: \"" + opt + "\"");
            }
            String key = opt.substring(0, sep);
            String value = opt.substring(sep + 1);
            switch (key) {
                case "no-new-privileges" -> {
                    if (!List.of("1", "t", "T", "true", "TRUE", "True", "0", "f", "F", "false", "FALSE", "False")
                            .contains(value)) {
                        throw BerthException.invalid("invalid --security-opt 2: \"" + opt + "\"");
                    }
                }
                case "seccomp" -> seccomp(value);
                // Docker ignores these where the kernel has no AppArmor or SELinux, as here; any other
                // profile or label would be a promise berth cannot keep.
                case "apparmor" -> {
                    if (!value.equals("unconfined")) {
                        throw BerthException.notImplemented("--security-opt apparmor=" + value
                                + " is not supported: berth runs no AppArmor profiles (apparmor=unconfined is accepted)");
                    }
                }
                case "label" -> {
                    if (!value.equals("disable")) {
                        throw BerthException.notImplemented("--security-opt label=" + value
                                + " is not supported: berth applies no SELinux labels (label=disable is accepted)");
                    }
                }
                default -> throw BerthException.invalid("invalid --security-opt 2: \"" + opt + "\"");
            }
        }
    }

    private static void seccomp(String value) {
        if (value.equals("unconfined") || value.equals("builtin")) {
            return;
        }
        JsonNode profile;
        try {
            profile = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("Decoding seccomp profile failed: " + e.getOriginalMessage(), e);
        }
        if (!profile.isObject()) {
            throw seccompShape("the profile must be a JSON object");
        }
        action(profile.path("defaultAction"), "defaultAction");
        JsonNode syscalls = profile.path("syscalls");
        if (!syscalls.isMissingNode() && !syscalls.isNull() && !syscalls.isArray()) {
            throw seccompShape("syscalls must be an array");
        }
        for (JsonNode rule : syscalls) {
            JsonNode names = rule.path("names");
            boolean namesOk = names.isArray() && names.valueStream().allMatch(JsonNode::isTextual);
            if (!rule.isObject() || !(namesOk || rule.path("name").isTextual())) {
                throw seccompShape("each entry of syscalls needs \"names\", an array of syscall names");
            }
            action(rule.path("action"), "action of " + (namesOk ? names : rule.path("name")));
        }
    }

    private static final Set<String> SECCOMP_ACTIONS = Set.of("SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS",
            "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW",
            "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY");

    /** Shapes runc would refuse at start, refused at create with the decoding error Docker gives. */
    private static void action(JsonNode action, String where) {
        if (!action.isTextual() || !SECCOMP_ACTIONS.contains(action.asText())) {
            throw seccompShape(where + " must be one of " + SECCOMP_ACTIONS.stream().sorted().toList() + ", not "
                    + (action.isMissingNode() ? "missing" : action.toString()));
        }
    }

    private static BerthException seccompShape(String why) {
        return BerthException.invalid("Decoding seccomp profile failed: " + why);
    }

    private static void mount(HostConfig.Mount m) {
        String type = m.type();
        switch (type) {
            case "bind" -> {
                BindSpec.checkTarget(m.target(), type, "");
                if (m.source().isEmpty()) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "field Source must not be empty"));
                }
                if (!m.propagation().isEmpty() && !BindSpec.PROPAGATIONS.contains(m.propagation())) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "invalid propagation mode: " + m.propagation()));
                }
                if (m.tmpfsSize() != 0 || m.tmpfsMode() != 0) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "field TmpfsOptions must not be specified"));
                }
                if (!m.source().startsWith("/")) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "invalid mount path: '" + m.source()
                            + "' mount path must be absolute"));
                }
                if (!Files.exists(Path.of(m.source()))) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "bind source path does not exist: "
                            + m.source()));
                }
            }
            case "tmpfs" -> {
                BindSpec.checkTarget(m.target(), type, "");
                if (!m.source().isEmpty()) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "field Source must not be specified"));
                }
                if (!m.propagation().isEmpty()) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "field BindOptions must not be specified"));
                }
                if (m.tmpfsSize() < 0) {
                    throw BerthException.invalid(BindSpec.mountConfig(type, "invalid tmpfs size: " + m.tmpfsSize()));
                }
            }
            case "volume", "npipe", "cluster" -> throw BerthException.notImplemented("--mount type=" + type
                    + " is not supported yet (berth has bind and tmpfs)");
            default -> throw BerthException.invalid(BindSpec.mountConfig(type, "mount type unknown"));
        }
    }

    private static void tmpfs(String target, String options) {
        if (target.equals("/")) {
            throw BerthException.invalid("invalid specification: destination can't be '/'");
        }
        if (!target.startsWith("/")) {
            throw BerthException.invalid("invalid mount path: '" + target + "' mount path must be absolute");
        }
        for (String o : options.isEmpty() ? new String[0] : options.split(",")) {
            int eq = o.indexOf('=');
            boolean ok = eq < 0 ? TMPFS_FLAGS.contains(o) : TMPFS_KEYS.contains(o.substring(0, eq));
            if (!ok) {
                throw BerthException.invalid("Invalid tmpfs option \"" + o + "\" for " + target);
            }
        }
    }

    private static void device(HostConfig.DeviceMapping d) {
        String prefix = "error gathering device information while adding custom device \"" + d.pathOnHost() + "\": ";
        Path host = Path.of(d.pathOnHost());
        if (!Files.exists(host)) {
            throw BerthException.invalid(prefix + "no such file or directory");
        }
        try {
            PosixFileAttributes a = Files.readAttributes(host, PosixFileAttributes.class);
            if (!a.isOther() && !a.isDirectory()) {
                throw BerthException.invalid(prefix + "not a device node");
            }
        } catch (java.io.IOException e) {
            throw BerthException.invalid(prefix + e.getMessage(), e);
        }
        if (!d.pathInContainer().isEmpty() && !d.pathInContainer().startsWith("/")) {
            throw BerthException.invalid("invalid device mapping " + d.pathOnHost() + ":" + d.pathInContainer()
                    + ": the path in the container must be absolute");
        }
        if (!d.cgroupPermissions().matches("r?w?m?|[rwm]{1,3}") || d.cgroupPermissions().chars().distinct().count()
                != d.cgroupPermissions().length()) {
            throw BerthException.invalid("bad mode specified: " + d.cgroupPermissions()
                    + " (device permissions are a combination of r, w and m)");
        }
    }

    /** moby's IpcMode/PidMode/UTSMode Valid(), and a hostname needs a UTS namespace of its own. */
    private static void modes(HostConfig h, Optional<String> hostname) {
        String ipc = h.ipcMode();
        if (!(List.of("", "private", "shareable", "host", "none").contains(ipc) || joinsContainer(ipc))) {
            throw BerthException.invalid("invalid IPC mode: " + ipc);
        }
        String pid = h.pidMode();
        if (!(pid.isEmpty() || pid.equals("host") || joinsContainer(pid))) {
            throw BerthException.invalid("invalid PID mode: " + pid);
        }
        String uts = h.utsMode();
        if (!(uts.isEmpty() || uts.equals("host"))) {
            throw BerthException.invalid("invalid UTS mode: " + uts);
        }
        if (uts.equals("host") && hostname.filter(n -> !n.isEmpty()).isPresent()) {
            throw BerthException.invalid("conflicting options: hostname and the UTS mode");
        }
    }

    private static boolean joinsContainer(String mode) {
        return mode.startsWith("container:") && mode.length() > "container:".length();
    }

    /** runc's rule: only sysctls of a namespace the container has of its own. */
    private static void sysctls(HostConfig h, String networkMode) {
        for (String key : h.sysctls().keySet()) {
            boolean ipc = IPC_SYSCTLS.contains(key) || key.startsWith("fs.mqueue.");
            if (ipc) {
                if (h.ipcMode().equals("host")) {
                    throw BerthException.invalid("sysctl \"" + key + "\" is not allowed in the hosts ipc namespace");
                }
            } else if (key.startsWith("net.")) {
                if (networkMode.equals("host")) {
                    throw BerthException.invalid("sysctl \"" + key + "\" not allowed in host network namespace");
                }
            } else {
                throw BerthException.invalid("sysctl \"" + key + "\" is not in a separate kernel namespace"
                        + " (allowed: kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.*)");
            }
        }
    }

    private static void ulimits(List<HostConfig.Ulimit> ulimits) {
        Set<String> seen = new HashSet<>();
        for (HostConfig.Ulimit u : ulimits) {
            if (!ULIMITS.contains(u.name())) {
                throw BerthException.invalid("invalid ulimit type: " + u.name() + " (known: "
                        + String.join(", ", ULIMITS.stream().sorted().toList()) + ")");
            }
            if (!seen.add(u.name())) {
                throw BerthException.invalid("duplicate ulimit: " + u.name());
            }
            if (u.soft() > u.hard() && u.hard() >= 0) {
                throw BerthException.invalid("ulimit soft limit must be less than or equal to hard limit: "
                        + u.soft() + " > " + u.hard());
            }
        }
    }

    private static void extraHosts(List<String> hosts) {
        for (String entry : hosts) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw BerthException.invalid("bad format for add-host: \"" + entry + "\"");
            }
            String ip = entry.substring(colon + 1);
            if (ip.equals("host-gateway")) {
                throw BerthException.notImplemented("--add-host " + entry
                        + ": host-gateway is not supported yet (berth has no bridge network)");
            }
            if (!isIp(ip)) {
                throw BerthException.invalid("invalid IP address in add-host: \"" + ip + "\"");
            }
        }
    }

    /** An IP literal; never a name lookup. */
    static boolean isIp(String s) {
        String ip = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (ip.isEmpty() || !(ip.contains(":") || ip.matches("[0-9.]+"))) {
            return false;
        }
        try {
            InetAddress.ofLiteral(ip);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void unique(Set<String> targets, String target) {
        String clean = Path.of(target).normalize().toString();
        if (!targets.add(clean)) {
            throw BerthException.invalid("Duplicate mount point: " + clean);
        }
    }

    /** For -v: a missing host directory is created at start, as Docker does. */
    static void createBindSources(HostConfig h) {
        for (String bind : h.binds()) {
            Path source = Path.of(BindSpec.parse(bind).source());
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectories(source);
                } catch (java.io.IOException e) {
                    throw BerthException.invalid("error while creating mount source path '" + source + "': "
                            + e.getMessage(), e);
                }
            }
        }
    }
}
