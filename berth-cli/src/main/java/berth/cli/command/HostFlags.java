package berth.cli.command;

import static berth.cli.command.FlagValueException.parse;

import berth.cli.opts.ByteSizes;
import berth.cli.opts.Device;
import berth.cli.opts.MountSpec;
import berth.cli.opts.NetOpts;
import berth.cli.opts.RestartPolicy;
import berth.cli.opts.SecurityOpts;
import berth.cli.opts.Ulimit;
import berth.cli.opts.VolumeSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The create-time HostConfig flags beyond resources: limits, security, mounts, namespaces, DNS and
 * the restart policy. {@link #writeTo} fills HostConfig (and Config.Volumes for anonymous volumes).
 */
final class HostFlags {
    @Option(names = "--oom-kill-disable", description = "Disable OOM Killer")
    boolean oomKillDisable;

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "Ulimit options")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--shm-size", paramLabel = "BYTES", description = "Size of /dev/shm")
    String shmSize;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--privileged", description = "Give extended privileges to this container")
    boolean privileged;

    @Option(names = "--security-opt", paramLabel = "OPT", description = "Security Options (seccomp=FILE reads the profile here)")
    List<String> securityOpts = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only")
    boolean readOnly;

    @Option(names = "--tmpfs", paramLabel = "PATH[:OPTS]", description = "Mount a tmpfs directory")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = "--device", paramLabel = "HOST[:CONTAINER][:PERMS]", description = "Add a host device to the container")
    List<String> devices = new ArrayList<>();

    @Option(names = "--group-add", paramLabel = "GROUP", description = "Add additional groups to join")
    List<String> groupAdd = new ArrayList<>();

    @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes")
    boolean init;

    @Option(names = "--ipc", paramLabel = "MODE", description = "IPC mode to use")
    String ipc;

    @Option(names = "--pid", paramLabel = "MODE", description = "PID namespace to use")
    String pid;

    @Option(names = "--uts", paramLabel = "MODE", description = "UTS namespace to use")
    String uts;

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add a custom host-to-IP mapping (host:ip)")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "IP", description = "Set custom DNS servers")
    List<String> dns = new ArrayList<>();

    @Option(names = "--dns-search", paramLabel = "DOMAIN", description = "Set custom DNS search domains")
    List<String> dnsSearch = new ArrayList<>();

    @Option(names = {"--dns-option", "--dns-opt"}, paramLabel = "OPT", description = "Set DNS options")
    List<String> dnsOptions = new ArrayList<>();

    @Option(names = "--sysctl", paramLabel = "NAME=VALUE", description = "Sysctl options")
    List<String> sysctls = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "[SRC:]DST[:OPTS]", description = "Bind mount a volume")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--volumes-from", paramLabel = "CONTAINER[:ro|rw]", description = "Mount volumes from the specified container(s)")
    List<String> volumesFrom = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "MOUNT", description = "Attach a filesystem mount to the container (type=bind,source=,target=,readonly)")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--restart", paramLabel = "POLICY", defaultValue = "no",
            description = "Restart policy to apply when a container exits: no, always, unless-stopped, on-failure[:N] (default \"no\")")
    String restart;

    @Option(names = "--log-driver", paramLabel = "DRIVER", description = "Logging driver for the container")
    String logDriver;

    @Option(names = "--log-opt", paramLabel = "KEY=VALUE", description = "Log driver options")
    List<String> logOpts = new ArrayList<>();

    /** Fills {@code hc} (HostConfig) and {@code config.Volumes}; parse failures name their flag. */
    void writeTo(ObjectNode config, ObjectNode hc, Path cwd) {
        List<String> binds = new ArrayList<>();
        ObjectNode anonymous = config.putObject("Volumes");
        for (String v : volumes) {
            VolumeSpec spec = parse("-v, --volume", v, s -> VolumeSpec.parse(s, cwd));
            if (spec.bind() != null) {
                binds.add(spec.bind());
            } else {
                anonymous.putObject(spec.anonymousTarget());
            }
        }
        strings(hc, "Binds", binds);
        strings(hc, "VolumesFrom", volumesFrom);
        hc.set("RestartPolicy", RestartPolicy.parse(restart).toJson());
        writeLogConfig(hc);
        strings(hc, "CapAdd", SecurityOpts.capabilities(capAdd));
        strings(hc, "CapDrop", SecurityOpts.capabilities(capDrop));
        strings(hc, "Dns", dns.stream().map(d -> parse("--dns", d, NetOpts::ipAddress)).toList());
        strings(hc, "DnsOptions", dnsOptions);
        strings(hc, "DnsSearch", dnsSearch);
        strings(hc, "ExtraHosts", addHosts.stream().map(h -> parse("--add-host", h, NetOpts::extraHost)).toList());
        strings(hc, "GroupAdd", groupAdd);
        hc.put("IpcMode", ipc == null ? "" : ipc);
        if (pid != null) {
            SecurityOpts.checkPidMode(pid);
        }
        hc.put("PidMode", pid == null ? "" : pid);
        hc.put("Privileged", privileged);
        hc.put("ReadonlyRootfs", readOnly);
        strings(hc, "SecurityOpt", SecurityOpts.resolve(securityOpts, cwd));
        if (!tmpfs.isEmpty()) {
            ObjectNode t = hc.putObject("Tmpfs");
            for (String spec : tmpfs) {
                int colon = spec.indexOf(':');
                t.put(colon < 0 ? spec : spec.substring(0, colon), colon < 0 ? "" : spec.substring(colon + 1));
            }
        }
        if (uts != null) {
            SecurityOpts.checkUtsMode(uts);
        }
        hc.put("UTSMode", uts == null ? "" : uts);
        if (shmSize != null) {
            hc.put("ShmSize", parse("--shm-size", shmSize, ByteSizes::ramInBytes));
        }
        if (!sysctls.isEmpty()) {
            ObjectNode s = hc.putObject("Sysctls");
            for (String kv : sysctls) {
                String[] nv = parse("--sysctl", kv, NetOpts::sysctl);
                s.put(nv[0], nv[1]);
            }
        }
        ArrayNode devs = hc.putArray("Devices");
        for (String d : devices) {
            devs.add(Device.parse(d).toJson()); // docker checks devices after parsing flags: "berth: ..." form
        }
        hc.put("OomKillDisable", oomKillDisable);
        if (!ulimits.isEmpty()) {
            ArrayNode u = hc.putArray("Ulimits");
            for (String spec : ulimits) {
                u.add(parse("--ulimit", spec, Ulimit::parse).toJson());
            }
        }
        if (!mounts.isEmpty()) {
            ArrayNode m = hc.putArray("Mounts");
            for (String spec : mounts) {
                m.add(parse("--mount", spec, s -> MountSpec.parse(s, cwd)).toJson());
            }
        }
        if (init) {
            hc.put("Init", true); // docker sends Init only when the flag is given, so the daemon's default applies otherwise
        }
    }

    private static void strings(ObjectNode n, String field, List<String> values) {
        if (values.isEmpty()) {
            n.putNull(field);
        } else {
            ArrayNode a = n.putArray(field);
            values.forEach(a::add);
        }
    }

    /** {@code --log-driver}/{@code --log-opt} as the docker CLI sends them (an option without '=' gets an empty value). */
    private void writeLogConfig(ObjectNode hc) {
        String driver = logDriver == null ? "" : logDriver;
        if (driver.equals("none") && !logOpts.isEmpty()) {
            throw new berth.cli.CliException(berth.cli.ExitCodes.DAEMON_REFUSED, "invalid logging opts for driver none");
        }
        ObjectNode log = hc.putObject("LogConfig");
        log.put("Type", driver);
        ObjectNode config = log.putObject("Config");
        for (String o : logOpts) {
            int eq = o.indexOf('=');
            config.put(eq < 0 ? o : o.substring(0, eq), eq < 0 ? "" : o.substring(eq + 1));
        }
    }
}
