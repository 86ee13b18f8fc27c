package berth.api.wire;

import berth.container.BindSpec;
import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.ContainerState;
import berth.container.ContainerStatus;
import berth.container.Health;
import berth.container.HostConfig;
import berth.container.TopResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Translates engine containers into Docker's wire shapes. */
public final class ContainerMapper {
    private ContainerMapper() {}

    public static ContainerDtos.Summary summary(Container c, Instant now) {
        return summary(c, now, ContainerNetworking.NONE);
    }

    /** With the container's endpoints and published ports (Ports, NetworkSettings.Networks). */
    public static ContainerDtos.Summary summary(Container c, Instant now, ContainerNetworking net) {
        return new ContainerDtos.Summary(c.id(), List.of("/" + c.name()), c.imageName(), c.imageId().toString(),
                command(c.path(), c.args()), c.created().getEpochSecond(), NetworkSettingsMapper.summaryPorts(c, net),
                c.config().labels(), c.state().status().wireName(), StatusText.of(c.state(), now),
                new ContainerDtos.SummaryHostConfig(wireNetworkMode(c.networkMode())),
                new ContainerDtos.SummaryNetworkSettings(NetworkSettingsMapper.networks(c, net)), List.of());
    }

    public static ContainerDtos.TopResponse top(TopResult t) {
        return new ContainerDtos.TopResponse(t.titles(), t.processes());
    }

    /** Docker's ps Command: path and args, an arg with a space in single quotes. */
    public static String command(String path, List<String> args) {
        if (args.isEmpty()) {
            return path;
        }
        List<String> quoted = new ArrayList<>();
        for (String a : args) {
            quoted.add(a.contains(" ") ? "'" + a + "'" : a);
        }
        return path + " " + String.join(" ", quoted);
    }

    public static ContainerDtos.Inspect inspect(Container c) {
        return inspect(c, List.of());
    }

    /** With the container's volume mount points (Mounts, Config.Volumes and the -v ones in HostConfig.Binds). */
    public static ContainerDtos.Inspect inspect(Container c, List<berth.container.VolumeMount> volumes) {
        return inspect(c, volumes, ContainerNetworking.NONE);
    }

    /** With the container's endpoints and published ports as well (NetworkSettings). */
    public static ContainerDtos.Inspect inspect(Container c, List<berth.container.VolumeMount> volumes,
            ContainerNetworking net) {
        ContainerConfig cfg = c.config();
        ImageDtos.Config config = new ImageDtos.Config(cfg.hostname(), cfg.domainname(), cfg.user(), cfg.attachStdin(),
                cfg.attachStdout(), cfg.attachStderr(), ImageMapper.portSet(cfg.exposedPorts()), cfg.tty(),
                cfg.openStdin(), cfg.stdinOnce(), cfg.env(), cfg.cmd().isEmpty() ? null : cfg.cmd(), cfg.image(),
                anonymousVolumes(volumes),
                cfg.workingDir(), cfg.entrypoint().isEmpty() ? null : cfg.entrypoint(), null, cfg.labels(),
                cfg.stopSignal().orElse(null), cfg.stopTimeout().orElse(null),
                cfg.healthcheck().map(ImageMapper::healthcheck).orElse(null));
        return new ContainerDtos.Inspect(c.id(), Times.rfc3339Nano(c.created()), c.path(), c.args(), state(c.state()),
                c.imageId().toString(), path(c.resolvConfPath()), path(c.hostnamePath()), path(c.hostsPath()),
                path(c.logPath()), "/" + c.name(), c.restartCount(), c.driver() == null ? "overlay2" : c.driver(),
                "linux", "", "", "", null, hostConfig(c, volumes), new ImageDtos.GraphDriver("overlay2", Map.of()),
                mountPoints(c.hostConfig(), volumes),
                config, NetworkSettingsMapper.networkSettings(c, net));
    }

    static ContainerDtos.State state(ContainerState s) {
        return new ContainerDtos.State(s.status().wireName(), s.running(), s.status() == ContainerStatus.PAUSED,
                s.status() == ContainerStatus.RESTARTING, s.oomKilled(), s.status() == ContainerStatus.DEAD, s.pid(),
                s.exitCode(), s.error() == null ? "" : s.error(), Times.rfc3339NanoOrZero(s.startedAt()),
                Times.rfc3339NanoOrZero(s.finishedAt()), s.health().map(ContainerMapper::health).orElse(null));
    }

    private static ContainerDtos.Health health(Health h) {
        return new ContainerDtos.Health(h.status(), h.failingStreak(), h.log().stream()
                .map(p -> new ContainerDtos.HealthLog(Times.rfc3339Nano(p.start()), Times.rfc3339Nano(p.end()),
                        p.exitCode(), p.output()))
                .toList());
    }

    private static Map<String, Map<String, Object>> anonymousVolumes(List<berth.container.VolumeMount> volumes) {
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        volumes.stream().filter(v -> v.anonymous() && v.bindSpec().isEmpty())
                .forEach(v -> out.put(v.destination(), Map.of()));
        return out.isEmpty() ? null : out;
    }

    private static ContainerDtos.HostConfig hostConfig(Container c, List<berth.container.VolumeMount> volumes) {
        HostConfig h = c.hostConfig();
        HostConfig.Resources r = h.resources();
        List<String> binds = new ArrayList<>(h.binds());
        volumes.stream().map(berth.container.VolumeMount::bindSpec).filter(b -> !b.isEmpty()).forEach(binds::add);
        return new ContainerDtos.HostConfig(binds.isEmpty() ? null : binds, "",
                logConfig(h.logConfig()), wireNetworkMode(c.networkMode()),
                NetworkSettingsMapper.portBindings(h.portBindings()),
                new ContainerDtos.RestartPolicy(h.restartPolicy().name(), h.restartPolicy().maximumRetryCount()),
                c.autoRemove(), "", null, List.of(0, 0), nullIfEmpty(h.capAdd()), nullIfEmpty(h.capDrop()), "host",
                h.dns(), h.dnsOptions(), h.dnsSearch(), nullIfEmpty(h.extraHosts()), nullIfEmpty(h.groupAdd()),
                h.ipcMode().isEmpty() ? "private" : h.ipcMode(), "", nullIfEmpty(h.links()), 0, h.pidMode(),
                h.privileged(), h.publishAllPorts(),
                h.readonlyRootfs(), nullIfEmpty(h.securityOpt()), h.utsMode(), "", h.effectiveShmSize(),
                c.runtime() == null ? "runc" : c.runtime(), "", r.cpuShares(), r.memory(), r.nanoCpus(), "",
                (int) r.blkioWeight(), r.cpuPeriod(), r.cpuQuota(), r.cpusetCpus(), r.cpusetMems(),
                h.devices().stream().map(d -> new ContainerDtos.Device(d.pathOnHost(), d.pathInContainer(),
                        d.cgroupPermissions())).toList(),
                r.memoryReservation(), r.memorySwap(), null, r.oomKillDisable(),
                r.pidsLimit() == 0 ? null : r.pidsLimit(),
                r.ulimits().stream().map(u -> new ContainerDtos.Ulimit(u.name(), u.soft(), u.hard())).toList(),
                h.privileged() ? null : MASKED_PATHS, h.privileged() ? null : READONLY_PATHS,
                h.tmpfs(), h.mounts().stream().map(ContainerMapper::mount).toList(), h.sysctls(),
                h.init() ? Boolean.TRUE : null);
    }

    /** What Docker reports as masked and read-only paths for an unprivileged container. */
    private static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore",
            "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
            "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    private static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private static ContainerDtos.Mount mount(HostConfig.Mount m) {
        return new ContainerDtos.Mount(m.type(), m.source(), m.target(), m.readOnly(),
                m.type().equals("bind") && !m.propagation().isEmpty() ? new ContainerDtos.BindOptions(m.propagation())
                        : null,
                m.type().equals("tmpfs") && (m.tmpfsSize() != 0 || m.tmpfsMode() != 0)
                        ? new ContainerDtos.TmpfsOptions(m.tmpfsSize(), m.tmpfsMode()) : null);
    }

    /** Inspect's top-level Mounts: -v binds and --mount entries (--tmpfs ones are not listed, as in Docker). */
    static List<Object> mountPoints(HostConfig h) {
        return mountPoints(h, List.of());
    }

    static List<Object> mountPoints(HostConfig h, List<berth.container.VolumeMount> volumes) {
        List<Object> out = new ArrayList<>();
        volumes.forEach(v -> out.add(VolumeDtos.mountPoint(v)));
        for (String raw : h.binds()) {
            BindSpec b = BindSpec.parse(raw);
            String[] parts = raw.split(":", 3);
            out.add(new ContainerDtos.MountPoint("bind", b.source(), b.target(), parts.length == 3 ? parts[2] : "",
                    !b.readOnly(), b.propagation().isEmpty() ? "rprivate" : b.propagation()));
        }
        for (HostConfig.Mount m : h.mounts()) {
            boolean bind = m.type().equals("bind");
            out.add(new ContainerDtos.MountPoint(m.type(), m.source(), m.target(), "", !m.readOnly(),
                    bind ? (m.propagation().isEmpty() ? "rprivate" : m.propagation()) : ""));
        }
        return out;
    }

    private static <T> List<T> nullIfEmpty(List<T> l) {
        return l.isEmpty() ? null : l;
    }

    /** Docker shows the network "default" resolves to. */
    static String wireNetworkMode(String mode) {
        return mode == null || mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    /** A container made before berth had log drivers stored no type: it logs to json-file. */
    private static ContainerDtos.LogConfig logConfig(berth.logs.driver.LogConfig l) {
        berth.logs.driver.LogConfig c = l.orJsonFile();
        return new ContainerDtos.LogConfig(c.type(), c.config());
    }

    private static String path(Path p) {
        return p == null ? "" : p.toString();
    }
}
