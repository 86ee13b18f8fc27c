package berth.compose.project;

import berth.client.Json;
import berth.compose.model.Config;
import berth.compose.model.DependsOn;
import berth.compose.model.Deploy;
import berth.compose.model.Healthcheck;
import berth.compose.model.Network;
import berth.compose.model.PortConfig;
import berth.compose.model.Project;
import berth.compose.model.Secret;
import berth.compose.model.Service;
import berth.compose.model.ServiceFileRef;
import berth.compose.model.ServiceNetwork;
import berth.compose.model.ServiceVolume;
import berth.compose.model.Volume;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a service to the body of {@code POST /containers/create} (Config, HostConfig,
 * NetworkingConfig) as Compose v2 does for a non-swarm engine. Pure: the unit tests read its output.
 *
 * <p>Only the service's first network (by priority, then name) goes into the create request; the
 * others are joined with {@code POST /networks/{id}/connect} before start ({@link #extraNetworks}),
 * which every API version accepts.
 */
public final class CreateRequests {
    private CreateRequests() {}

    /** The compose labels of a container, in the order Compose v2 writes them, after the service's own. */
    public static Map<String, String> labels(Project project, Service service, ContainerSpec spec) {
        Map<String, String> l = new LinkedHashMap<>(service.labels());
        l.putAll(spec.extraLabels());
        l.put(ComposeLabels.CONFIG_HASH, spec.configHash());
        l.put(ComposeLabels.CONTAINER_NUMBER, Integer.toString(spec.number()));
        l.put(ComposeLabels.DEPENDS_ON, dependsOnLabel(service));
        l.put(ComposeLabels.IMAGE, spec.image());
        l.put(ComposeLabels.ONEOFF, spec.oneOff() ? "True" : "False");
        l.put(ComposeLabels.PROJECT, project.name());
        l.put(ComposeLabels.CONFIG_FILES, String.join(",", project.configFiles()));
        l.put(ComposeLabels.WORKING_DIR, project.workingDir().toString());
        l.put(ComposeLabels.SERVICE, service.name());
        l.put(ComposeLabels.VERSION, ComposeLabels.COMPOSE_VERSION);
        return l;
    }

    /** {@code db:service_healthy:false,cache:service_started:false}, as Compose v2 writes it. */
    static String dependsOnLabel(Service service) {
        List<String> parts = new ArrayList<>();
        service.dependsOn().forEach((name, d) -> parts.add(name + ":" + d.condition() + ":" + d.restart()));
        return String.join(",", parts);
    }

    public static ObjectNode body(Project project, Service service, ContainerSpec spec) {
        ObjectNode b = Json.object();
        b.put("Image", spec.image());
        if (service.hostname() != null) {
            b.put("Hostname", service.hostname());
        }
        if (service.domainname() != null) {
            b.put("Domainname", service.domainname());
        }
        b.put("User", spec.user().orElse(service.user() == null ? "" : service.user()));
        b.put("WorkingDir", spec.workingDir().orElse(service.workingDir() == null ? "" : service.workingDir()));
        boolean tty = spec.tty().orElse(service.tty());
        boolean stdin = spec.stdinOpen().orElse(service.stdinOpen());
        b.put("Tty", tty);
        b.put("OpenStdin", stdin);
        b.put("AttachStdin", false);
        b.put("AttachStdout", !spec.oneOff() || stdin);
        b.put("AttachStderr", !spec.oneOff() || stdin);
        ArrayNode env = b.putArray("Env");
        service.environment().forEach((k, v) -> {
            if (v != null) {
                env.add(k + "=" + v);
            }
        });
        spec.extraEnv().forEach(env::add);
        Optional<List<String>> command = spec.command().or(() -> Optional.ofNullable(service.command()));
        command.ifPresent(c -> strings(b.putArray("Cmd"), c));
        if (service.entrypoint() != null) {
            strings(b.putArray("Entrypoint"), service.entrypoint());
        }
        ObjectNode exposed = b.putObject("ExposedPorts");
        for (PortConfig p : service.ports()) {
            exposed.putObject(p.target() + "/" + protocol(p));
        }
        for (String e : service.expose()) {
            exposed.putObject(e.contains("/") ? e : e + "/tcp");
        }
        if (service.stopSignal() != null) {
            b.put("StopSignal", service.stopSignal());
        }
        if (service.stopGracePeriod() != null) {
            b.put("StopTimeout", (int) service.stopGracePeriod().toSeconds());
        }
        healthcheck(service.healthcheck()).ifPresent(h -> b.set("Healthcheck", h));
        ObjectNode anonymous = b.putObject("Volumes");
        for (ServiceVolume v : service.volumes()) {
            if ("volume".equals(v.type()) && v.source() == null) {
                anonymous.putObject(v.target());
            }
        }
        b.set("Labels", ProjectEngine.labels(labels(project, service, spec)));
        b.set("HostConfig", hostConfig(project, service, spec));
        networkingConfig(project, service, spec).ifPresent(n -> b.set("NetworkingConfig", n));
        return b;
    }

    private static ObjectNode hostConfig(Project project, Service service, ContainerSpec spec) {
        ObjectNode h = Json.object();
        ArrayNode binds = h.putArray("Binds");
        ArrayNode mounts = h.putArray("Mounts");
        for (ServiceVolume v : service.volumes()) {
            switch (v.type()) {
                case "bind" -> {
                    String opts = v.readOnly() ? "ro" : "rw";
                    if (v.bind() != null && v.bind().propagation() != null) {
                        opts += "," + v.bind().propagation();
                    }
                    binds.add(v.source() + ":" + v.target() + ":" + opts);
                }
                case "volume" -> {
                    if (v.source() == null) {
                        continue; // anonymous: Config.Volumes
                    }
                    Volume declared = project.volumes().get(v.source());
                    ObjectNode m = mounts.addObject();
                    m.put("Type", "volume");
                    m.put("Source", declared != null ? declared.name() : v.source());
                    m.put("Target", v.target());
                    m.put("ReadOnly", v.readOnly());
                    if (v.volume() != null && v.volume().nocopy()) {
                        m.putObject("VolumeOptions").put("NoCopy", true);
                    }
                }
                case "tmpfs" -> {
                    ObjectNode m = mounts.addObject();
                    m.put("Type", "tmpfs");
                    m.put("Target", v.target());
                    m.put("ReadOnly", v.readOnly());
                    if (v.tmpfs() != null && (v.tmpfs().size() != null || v.tmpfs().mode() != null)) {
                        ObjectNode t = m.putObject("TmpfsOptions");
                        if (v.tmpfs().size() != null) {
                            t.put("SizeBytes", v.tmpfs().size());
                        }
                        if (v.tmpfs().mode() != null) {
                            t.put("Mode", v.tmpfs().mode());
                        }
                    }
                }
                default -> throw new ProjectException("service \"" + service.name() + "\": volume type \"" + v.type()
                        + "\" is not supported (bind, volume or tmpfs)");
            }
        }
        fileMounts(project, service, binds);
        if (!service.tmpfs().isEmpty()) {
            ObjectNode t = h.putObject("Tmpfs");
            for (String s : service.tmpfs()) {
                int colon = s.indexOf(':');
                t.put(colon < 0 ? s : s.substring(0, colon), colon < 0 ? "" : s.substring(colon + 1));
            }
        }
        ObjectNode bindings = h.putObject("PortBindings");
        if (spec.publishPorts()) {
            for (PortConfig p : service.ports()) {
                ArrayNode list = bindings.withArray(p.target() + "/" + protocol(p));
                ObjectNode pb = list.addObject();
                pb.put("HostIp", p.hostIp() == null ? "" : p.hostIp());
                pb.put("HostPort", p.published() == null ? "" : p.published());
            }
        }
        h.put("NetworkMode", networkMode(project, service, spec));
        ObjectNode restart = h.putObject("RestartPolicy");
        String r = service.restart() == null || spec.oneOff() ? "no" : service.restart();
        int colon = r.indexOf(':');
        restart.put("Name", colon < 0 ? r : r.substring(0, colon));
        restart.put("MaximumRetryCount", colon < 0 ? 0 : Integer.parseInt(r.substring(colon + 1)));
        Deploy.ResourceSpec limits = service.deploy() != null && service.deploy().resources() != null
                ? service.deploy().resources().limits() : null;
        Deploy.ResourceSpec reservations = service.deploy() != null && service.deploy().resources() != null
                ? service.deploy().resources().reservations() : null;
        Long memory = limits != null && limits.memory() != null ? limits.memory() : service.memLimit();
        if (memory != null) {
            h.put("Memory", memory);
        }
        Long reservation = reservations != null && reservations.memory() != null ? reservations.memory() : service.memReservation();
        if (reservation != null) {
            h.put("MemoryReservation", reservation);
        }
        if (service.memswapLimit() != null) {
            h.put("MemorySwap", service.memswapLimit());
        }
        Double cpus = limits != null && limits.cpus() != null ? limits.cpus() : service.cpus();
        if (cpus != null) {
            h.put("NanoCpus", Math.round(cpus * 1e9));
        }
        Long pids = limits != null && limits.pids() != null ? limits.pids() : service.pidsLimit();
        if (pids != null) {
            h.put("PidsLimit", pids);
        }
        if (service.cpuShares() != null) {
            h.put("CpuShares", service.cpuShares());
        }
        if (service.cpuset() != null) {
            h.put("CpusetCpus", service.cpuset());
        }
        if (service.shmSize() != null) {
            h.put("ShmSize", service.shmSize());
        }
        strings(h.putArray("CapAdd"), service.capAdd());
        strings(h.putArray("CapDrop"), service.capDrop());
        if (service.init() != null) {
            h.put("Init", service.init());
        }
        h.put("Privileged", service.privileged());
        h.put("ReadonlyRootfs", service.readOnly());
        strings(h.putArray("ExtraHosts"), service.extraHostEntries());
        strings(h.putArray("Dns"), service.dns());
        strings(h.putArray("DnsSearch"), service.dnsSearch());
        strings(h.putArray("DnsOptions"), service.dnsOpt());
        strings(h.putArray("SecurityOpt"), service.securityOpt());
        strings(h.putArray("GroupAdd"), service.groupAdd());
        if (!service.sysctls().isEmpty()) {
            h.set("Sysctls", ProjectEngine.labels(service.sysctls()));
        }
        ArrayNode ulimits = h.putArray("Ulimits");
        service.ulimits().forEach((name, u) -> {
            ObjectNode o = ulimits.addObject();
            o.put("Name", name);
            o.put("Soft", u.soft());
            o.put("Hard", u.hard());
        });
        ArrayNode devices = h.putArray("Devices");
        for (String d : service.devices()) {
            String[] parts = d.split(":");
            ObjectNode o = devices.addObject();
            o.put("PathOnHost", parts[0]);
            o.put("PathInContainer", parts.length > 1 ? parts[1] : parts[0]);
            o.put("CgroupPermissions", parts.length > 2 ? parts[2] : "rwm");
        }
        if (service.logging() != null) {
            ObjectNode log = h.putObject("LogConfig");
            log.put("Type", service.logging().driver() == null ? "" : service.logging().driver());
            log.set("Config", ProjectEngine.labels(service.logging().options()));
        }
        if (service.pid() != null) {
            h.put("PidMode", service.pid());
        }
        if (service.ipc() != null) {
            h.put("IpcMode", service.ipc());
        }
        if (service.uts() != null) {
            h.put("UTSMode", service.uts());
        }
        if (service.cgroupParent() != null) {
            h.put("CgroupParent", service.cgroupParent());
        }
        if (service.oomScoreAdj() != null) {
            h.put("OomScoreAdj", service.oomScoreAdj());
        }
        return h;
    }

    /** Secrets at {@code /run/secrets/<name>} and configs at {@code /<name>}, bind-mounted read-only as compose does without swarm. */
    private static void fileMounts(Project project, Service service, ArrayNode binds) {
        for (ServiceFileRef ref : service.secrets()) {
            Secret s = project.secrets().get(ref.source());
            String file = s == null ? null : s.file();
            if (file == null) {
                throw new ProjectException("service \"" + service.name() + "\": secret \"" + ref.source()
                        + "\" has no file: only file-based secrets are supported without swarm");
            }
            String target = ref.target() == null ? "/run/secrets/" + ref.source()
                    : ref.target().startsWith("/") ? ref.target() : "/run/secrets/" + ref.target();
            binds.add(file + ":" + target + ":ro");
        }
        for (ServiceFileRef ref : service.configs()) {
            Config c = project.configs().get(ref.source());
            String file = c == null ? null : c.file();
            if (file == null) {
                throw new ProjectException("service \"" + service.name() + "\": config \"" + ref.source()
                        + "\" has no file: only file-based configs are supported without swarm");
            }
            String target = ref.target() == null ? "/" + ref.source() : ref.target();
            binds.add(file + ":" + target + ":ro");
        }
    }

    /** The networks a service joins, first the one it is created on: by priority (highest first), then name. */
    public static List<String> networkKeys(Service service) {
        List<String> keys = new ArrayList<>(service.networks().keySet());
        keys.sort(Comparator.comparingInt((String k) -> {
            Integer p = service.networks().get(k).priority();
            return p == null ? 0 : -p;
        }).thenComparing(k -> k));
        return keys;
    }

    static String networkMode(Project project, Service service, ContainerSpec spec) {
        String mode = service.networkMode();
        if (mode != null) {
            if (mode.startsWith("service:")) {
                return "container:" + spec.networkModeContainer().orElseThrow(() -> new ProjectException(
                        "service \"" + service.name() + "\" uses the network stack of service \""
                                + mode.substring("service:".length()) + "\", which has no container"));
            }
            return mode;
        }
        List<String> keys = networkKeys(service);
        return keys.isEmpty() ? "none" : engineNetwork(project, keys.get(0));
    }

    private static String engineNetwork(Project project, String key) {
        Network n = project.networks().get(key);
        return n == null ? key : n.name();
    }

    private static Optional<ObjectNode> networkingConfig(Project project, Service service, ContainerSpec spec) {
        if (service.networkMode() != null || service.networks().isEmpty()) {
            return Optional.empty();
        }
        String key = networkKeys(service).get(0);
        ObjectNode n = Json.object();
        n.putObject("EndpointsConfig").set(engineNetwork(project, key), endpoint(service, key, spec));
        return Optional.of(n);
    }

    /** The networks joined after create, by engine name, with their endpoint settings. */
    public static Map<String, ObjectNode> extraNetworks(Project project, Service service, ContainerSpec spec) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        if (service.networkMode() != null) {
            return out;
        }
        List<String> keys = networkKeys(service);
        for (String key : keys.subList(Math.min(1, keys.size()), keys.size())) {
            out.put(engineNetwork(project, key), endpoint(service, key, spec));
        }
        return out;
    }

    /** Aliases: the service name (shared by replicas: DNS round-robin), the container name, and the file's own. */
    static ObjectNode endpoint(Service service, String key, ContainerSpec spec) {
        ServiceNetwork sn = service.networks().get(key);
        ObjectNode e = Json.object();
        ArrayNode aliases = e.putArray("Aliases");
        if (spec.serviceAliases()) {
            aliases.add(service.name());
        }
        aliases.add(spec.name());
        if (sn != null) {
            sn.aliases().forEach(aliases::add);
            if (sn.ipv4Address() != null || sn.ipv6Address() != null) {
                ObjectNode ipam = e.putObject("IPAMConfig");
                if (sn.ipv4Address() != null) {
                    ipam.put("IPv4Address", sn.ipv4Address());
                }
                if (sn.ipv6Address() != null) {
                    ipam.put("IPv6Address", sn.ipv6Address());
                }
            }
            if (sn.macAddress() != null) {
                e.put("MacAddress", sn.macAddress());
            }
            if (sn.driverOpts() != null && !sn.driverOpts().isEmpty()) {
                e.set("DriverOpts", ProjectEngine.labels(sn.driverOpts()));
            }
        }
        return e;
    }

    static Optional<ObjectNode> healthcheck(Healthcheck hc) {
        if (hc == null) {
            return Optional.empty();
        }
        ObjectNode h = Json.object();
        if (hc.disable()) {
            h.putArray("Test").add("NONE");
            return Optional.of(h);
        }
        if (hc.test() != null) {
            strings(h.putArray("Test"), hc.test());
        }
        nanos(h, "Interval", hc.interval());
        nanos(h, "Timeout", hc.timeout());
        nanos(h, "StartPeriod", hc.startPeriod());
        nanos(h, "StartInterval", hc.startInterval());
        if (hc.retries() != null) {
            h.put("Retries", hc.retries());
        }
        return Optional.of(h);
    }

    private static void nanos(ObjectNode o, String field, Duration d) {
        if (d != null) {
            o.put(field, d.toNanos());
        }
    }

    private static String protocol(PortConfig p) {
        return p.protocol() == null || p.protocol().isEmpty() ? "tcp" : p.protocol();
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    /** The service's dependencies with their conditions (for waiting before start). */
    public static Map<String, DependsOn> dependencies(Service service) {
        return service.dependsOn();
    }
}
