package berth.api.wire;

import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.ContainerState;
import berth.container.ContainerStatus;
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
        return new ContainerDtos.Summary(c.id(), List.of("/" + c.name()), c.imageName(), c.imageId().toString(),
                command(c.path(), c.args()), c.created().getEpochSecond(), List.of(), c.config().labels(),
                c.state().status().wireName(), StatusText.of(c.state(), now),
                new ContainerDtos.SummaryHostConfig(wireNetworkMode(c.networkMode())),
                new ContainerDtos.SummaryNetworkSettings(networks(c.networkMode())), List.of());
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
        ContainerConfig cfg = c.config();
        ImageDtos.Config config = new ImageDtos.Config(cfg.hostname(), cfg.domainname(), cfg.user(), cfg.attachStdin(),
                cfg.attachStdout(), cfg.attachStderr(), ImageMapper.portSet(cfg.exposedPorts()), cfg.tty(),
                cfg.openStdin(), cfg.stdinOnce(), cfg.env(), cfg.cmd().isEmpty() ? null : cfg.cmd(), cfg.image(), null,
                cfg.workingDir(), cfg.entrypoint().isEmpty() ? null : cfg.entrypoint(), null, cfg.labels(),
                cfg.stopSignal().orElse(null), cfg.stopTimeout().orElse(null));
        return new ContainerDtos.Inspect(c.id(), Times.rfc3339Nano(c.created()), c.path(), c.args(), state(c.state()),
                c.imageId().toString(), path(c.resolvConfPath()), path(c.hostnamePath()), path(c.hostsPath()),
                path(c.logPath()), "/" + c.name(), c.restartCount(), c.driver() == null ? "overlay2" : c.driver(),
                "linux", "", "", "", null, hostConfig(c), new ImageDtos.GraphDriver("overlay2", Map.of()), List.of(),
                config, networkSettings(c));
    }

    static ContainerDtos.State state(ContainerState s) {
        return new ContainerDtos.State(s.status().wireName(), s.running(), s.status() == ContainerStatus.PAUSED,
                s.status() == ContainerStatus.RESTARTING, s.oomKilled(), s.status() == ContainerStatus.DEAD, s.pid(),
                s.exitCode(), s.error() == null ? "" : s.error(), Times.rfc3339NanoOrZero(s.startedAt()),
                Times.rfc3339NanoOrZero(s.finishedAt()));
    }

    private static ContainerDtos.HostConfig hostConfig(Container c) {
        return new ContainerDtos.HostConfig(null, "", new ContainerDtos.LogConfig("json-file", Map.of()),
                wireNetworkMode(c.networkMode()), Map.of(), new ContainerDtos.RestartPolicy("no", 0), c.autoRemove(), "",
                null, List.of(0, 0), null, null, "host", List.of(), List.of(), List.of(), null, null, "private", "",
                null, 0, "", false, false, false, null, "", "", 67108864L, c.runtime() == null ? "runc" : c.runtime(),
                "", 0, 0, 0, "", 0, 0, 0, "", "", List.of(), 0, 0, null, null, null, null, List.of(), List.of());
    }

    private static ContainerDtos.NetworkSettings networkSettings(Container c) {
        return new ContainerDtos.NetworkSettings("", "", "", Map.of(), "", "", "", 0, "", 0, "", "",
                networks(c.networkMode()));
    }

    /** Docker shows the network "default" resolves to. */
    static String wireNetworkMode(String mode) {
        return mode == null || mode.isEmpty() || mode.equals("default") ? "bridge" : mode;
    }

    private static Map<String, ContainerDtos.Endpoint> networks(String mode) {
        return Map.of(wireNetworkMode(mode), ContainerDtos.Endpoint.unconnected());
    }

    private static String path(Path p) {
        return p == null ? "" : p.toString();
    }
}
