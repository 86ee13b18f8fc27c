package berth.api.routes;

import berth.api.ApiContext;
import berth.api.DaemonInfo;
import berth.api.http.ApiVersion;
import berth.api.http.Exchange;
import berth.api.http.Router;
import berth.api.wire.SystemDtos;
import berth.api.wire.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /_ping}, {@code /version}, {@code /info}: how clients find out who they talk to. */
public final class SystemRoutes {
    private final DaemonInfo info;

    public SystemRoutes(ApiContext ctx) {
        this.info = ctx.info();
    }

    public void register(Router r) {
        r.add("GET", "/_ping", this::ping);
        r.add("HEAD", "/_ping", this::ping);
        r.add("GET", "/version", ex -> ex.respondJson(200, version()));
        r.add("GET", "/info", ex -> ex.respondJson(200, info()));
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
        DaemonInfo.ContainerCounts c = info.containerCounts().get();
        Map<String, Map<String, Object>> runtimes = new LinkedHashMap<>();
        info.runtimes().forEach((name, path) -> runtimes.put(name, Map.of("path", path)));
        SystemDtos.Commit none = new SystemDtos.Commit("", "");
        return new SystemDtos.Info(
                info.id(), c.total(), c.running(), c.paused(), c.stopped(), info.imageCount().getAsInt(),
                info.storageDriver(),
                List.of(List.of("Backing Filesystem", "extfs"), List.of("Supports d_type", "true"),
                        List.of("Native Overlay Diff", "true")),
                info.dataRoot().toString(),
                new SystemDtos.Plugins(List.of("local"), List.of("bridge", "host", "null"), null, List.of("json-file")),
                false, false, false, false, false, false, false, false, false, false, false, false,
                info.debug(), 0, 0, Times.rfc3339Nano(Instant.now()), info.loggingDriver(), info.cgroupDriver(),
                info.cgroupVersion(), 0, info.kernelVersion(), info.operatingSystem(), info.osVersion(), info.os(),
                architecture(), info.ncpu(), info.memTotal(), "https://index.docker.io/v1/",
                new SystemDtos.RegistryConfig(List.of(), List.of(), List.of("::1/128", "127.0.0.0/8"), Map.of(), List.of()),
                null, "", "", "", info.name(), List.of(), info.experimental(), info.serverVersion(), runtimes,
                info.defaultRuntime(), new SystemDtos.Swarm("", "", "inactive", false, "", null), false, "",
                info.initBinary(), none, none, none, info.securityOptions(), "", List.of(), List.of(), List.of());
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
