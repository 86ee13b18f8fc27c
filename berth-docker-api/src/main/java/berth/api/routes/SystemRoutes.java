package berth.api.routes;

import berth.api.ApiContext;
import berth.api.DaemonInfo;
import berth.api.http.ApiVersion;
import berth.api.http.Exchange;
import berth.api.http.Router;
import berth.api.wire.SystemDtos;
import berth.api.wire.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /_ping}, {@code /version}, {@code /info}: how clients find out who they talk to. */
public final class SystemRoutes {
    /** The network drivers berth serves (Docker's overlay is swarm's, which berth has not). */
    private static final List<String> NETWORK_DRIVERS = List.of("bridge", "host", "ipvlan", "macvlan", "null");

    private final DaemonInfo info;
    private final berth.events.EventLog events;
    private final List<String> networkDrivers;
    // probed on first use and kept: benign races only probe twice
    private volatile HostProbe.Limits limits;
    private volatile String runtimeCommit;
    private volatile String initCommit;

    public SystemRoutes(ApiContext ctx) {
        this.info = ctx.info();
        this.events = ctx.events();
        this.networkDrivers = ctx.networks() == null ? List.of("host", "null") : NETWORK_DRIVERS;
    }

    public void register(Router r) {
        r.add("GET", "/_ping", this::ping);
        r.add("HEAD", "/_ping", this::ping);
        r.add("GET", "/version", ex -> ex.respondJson(200, version()));
        r.add("GET", "/info", ex -> ex.respondJson(200, info(ex.version())));
    }

    private void ping(Exchange ex) {
        ex.withHeader("Cache-Control", "no-cache, no-store, must-revalidate").withHeader("Pragma", "no-cache");
        if (ex.isHead()) {
            ex.respondText(200, "text/plain; charset=utf-8", "");
        } else {
            ex.respondText(200, "text/plain; charset=utf-8", "OK");
        }
    }

    SystemDtos.Version version() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ApiVersion", ApiVersion.MAX.toString());
        details.put("Arch", info.arch());
        details.put("BuildTime", "");
        details.put("Experimental", Boolean.toString(info.experimental()));
        details.put("GitCommit", info.gitCommit());
        details.put("GoVersion", javaVersion());
        details.put("KernelVersion", info.kernelVersion());
        details.put("MinAPIVersion", ApiVersion.MIN.toString());
        details.put("Os", info.os());
        return new SystemDtos.Version(
                new SystemDtos.Platform("berth " + info.serverVersion()),
                List.of(new SystemDtos.Component("Engine", info.serverVersion(), details)),
                info.serverVersion(), ApiVersion.MAX.toString(), ApiVersion.MIN.toString(), info.gitCommit(),
                javaVersion(), info.os(), info.arch(), info.kernelVersion(), info.experimental(), "");
    }

    /** Docker reports the Go toolchain; the honest equivalent for berth is the Java runtime. */
    private static String javaVersion() {
        return "java" + Runtime.version().feature();
    }

    SystemDtos.Info info() {
        return info(ApiVersion.MAX);
    }

    /**
     * {@code GET /info} as dockerd 20.10 fills it, with berth's truths where they differ: berth's own
     * drivers and runtimes, live restore (containers keep running while the daemon is down: conmon holds
     * them), no containerd. Host facts are read at each call, as dockerd reads them.
     */
    SystemDtos.Info info(ApiVersion v) {
        DaemonInfo.ContainerCounts c = info.containerCounts().get();
        Map<String, Map<String, Object>> runtimes = new LinkedHashMap<>();
        info.runtimes().forEach((name, path) -> runtimes.put(name, Map.of("path", path)));
        SystemDtos.Commit none = new SystemDtos.Commit("", "");
        String runc = runtimeCommit();
        String init = initCommit();
        HostProbe.Limits limits = limits();
        boolean forwarding = HostProbe.sysctlOn("net/ipv4/ip_forward");
        boolean nfIptables = HostProbe.sysctlOn("net/bridge/bridge-nf-call-iptables");
        boolean nfIp6tables = HostProbe.sysctlOn("net/bridge/bridge-nf-call-ip6tables");
        List<String> warnings = new ArrayList<>(limits.warnings(info.cgroupVersion()));
        if (!forwarding) {
            warnings.add("WARNING: IPv4 forwarding is disabled");
        }
        if (!nfIptables) {
            warnings.add("WARNING: bridge-nf-call-iptables is disabled");
        }
        if (!nfIp6tables) {
            warnings.add("WARNING: bridge-nf-call-ip6tables is disabled");
        }
        return new SystemDtos.Info(
                info.id(), c.total(), c.running(), c.paused(), c.stopped(), info.imageCount().getAsInt(),
                info.storageDriver(),
                List.of(List.of("Backing Filesystem", HostProbe.backingFilesystem(info.dataRoot())),
                        List.of("Supports d_type", "true"), List.of("Native Overlay Diff", "true"),
                        List.of("userxattr", "false")),
                info.dataRoot().toString(),
                new SystemDtos.Plugins(List.of("local"), networkDrivers, null,
                        info.logDrivers().stream().filter(d -> !d.equals("none")).sorted().toList()),
                limits.memoryLimit(), limits.swapLimit(), limits.kernelMemory(), limits.kernelMemoryTcp(),
                limits.cpuCfsPeriod(), limits.cpuCfsQuota(), limits.cpuShares(), limits.cpuSet(), limits.pidsLimit(),
                limits.oomKillDisable(), forwarding, nfIptables, nfIp6tables,
                info.debug(), HostProbe.openFiles(), HostProbe.threads(), Times.rfc3339Nano(Instant.now()),
                info.loggingDriver(), info.cgroupDriver(), info.cgroupVersion(), events.listeners(), info.kernelVersion(),
                info.operatingSystem(), info.osVersion(), info.os(), architecture(), info.ncpu(), info.memTotal(),
                "https://index.docker.io/v1/",
                new SystemDtos.RegistryConfig(List.of(), List.of(), List.of("::1/128", "127.0.0.0/8"),
                        Map.of("docker.io", new SystemDtos.IndexInfo("docker.io", List.of(), true, true)), List.of()),
                null, HostProbe.proxy("http_proxy"), HostProbe.proxy("https_proxy"), HostProbe.proxy("no_proxy"),
                info.name(), List.of(), info.experimental(), info.serverVersion(), runtimes,
                info.defaultRuntime(), new SystemDtos.Swarm("", "", "inactive", false, "", null), true, "",
                info.initBinary(), none, new SystemDtos.Commit(runc, runc), new SystemDtos.Commit(init, init),
                info.securityOptions(), "", List.of(), warnings.isEmpty() ? null : warnings,
                v.atLeast(1, 46) ? List.of() : null);
    }

    /** The cgroup features, read once: they change only with a reboot. */
    private HostProbe.Limits limits() {
        HostProbe.Limits l = limits;
        if (l == null) {
            limits = l = HostProbe.Limits.read();
        }
        return l;
    }

    /** The default runtime's commit, asked of its binary once. */
    private String runtimeCommit() {
        String r = runtimeCommit;
        if (r == null) {
            String binary = info.runtimes().getOrDefault(info.defaultRuntime(), info.defaultRuntime());
            runtimeCommit = r = HostProbe.runtimeCommit(binary);
        }
        return r;
    }

    private String initCommit() {
        String r = initCommit;
        if (r == null) {
            initCommit = r = HostProbe.initCommit(info.initBinary());
        }
        return r;
    }

    /** /info shows the kernel's machine name (x86_64), /version Go's (amd64). */
    private String architecture() {
        return switch (info.arch()) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> info.arch();
        };
    }
}
