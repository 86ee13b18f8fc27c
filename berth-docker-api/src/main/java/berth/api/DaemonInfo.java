package berth.api;

import berth.container.ContainerFilter;
import berth.container.ContainerService;
import berth.container.ContainerStatus;
import berth.image.ImageFilter;
import berth.image.ImageService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The daemon facts that {@code GET /version} and {@code GET /info} report. Counts are suppliers
 * because they change while the daemon runs.
 *
 * @param id              a stable daemon ID (Docker's is a UUID-like string kept under the data root)
 * @param name            the host name
 * @param runtimes        runtime name → path of its binary, e.g. {@code runc → /usr/sbin/runc}
 * @param cgroupVersion   "1" or "2"
 * @param memTotal        bytes of RAM
 * @param logDrivers      the log drivers containers may use ({@code --log-driver}), for /info's Plugins.Log
 */
public record DaemonInfo(
        String id,
        String name,
        String serverVersion,
        String gitCommit,
        String os,
        String arch,
        String kernelVersion,
        String operatingSystem,
        String osVersion,
        Path dataRoot,
        String defaultRuntime,
        Map<String, String> runtimes,
        String storageDriver,
        String loggingDriver,
        String cgroupDriver,
        String cgroupVersion,
        int ncpu,
        long memTotal,
        String initBinary,
        List<String> securityOptions,
        boolean experimental,
        boolean debug,
        Supplier<ContainerCounts> containerCounts,
        IntSupplier imageCount,
        List<String> logDrivers) {

    /** The log drivers berth has, as dockerd names them. */
    public static final List<String> DEFAULT_LOG_DRIVERS = List.of("json-file", "local", "none", "syslog", "gelf", "fluentd",
            "journald");

    public DaemonInfo {
        runtimes = Map.copyOf(runtimes);
        securityOptions = List.copyOf(securityOptions);
        logDrivers = List.copyOf(logDrivers);
    }

    /** With {@link #DEFAULT_LOG_DRIVERS}. */
    public DaemonInfo(String id, String name, String serverVersion, String gitCommit, String os, String arch,
                      String kernelVersion, String operatingSystem, String osVersion, Path dataRoot, String defaultRuntime,
                      Map<String, String> runtimes, String storageDriver, String loggingDriver, String cgroupDriver,
                      String cgroupVersion, int ncpu, long memTotal, String initBinary, List<String> securityOptions,
                      boolean experimental, boolean debug, Supplier<ContainerCounts> containerCounts, IntSupplier imageCount) {
        this(id, name, serverVersion, gitCommit, os, arch, kernelVersion, operatingSystem, osVersion, dataRoot, defaultRuntime,
                runtimes, storageDriver, loggingDriver, cgroupDriver, cgroupVersion, ncpu, memTotal, initBinary, securityOptions,
                experimental, debug, containerCounts, imageCount, DEFAULT_LOG_DRIVERS);
    }

    /** How many containers exist, by state, for /info. */
    public record ContainerCounts(int total, int running, int paused, int stopped) {
        public static final ContainerCounts NONE = new ContainerCounts(0, 0, 0, 0);
    }

    /**
     * Reads the host facts from /proc and /etc and counts through the engine's services; what the
     * daemon calls at start-up. {@code id} should be persisted by the caller across restarts.
     */
    public static DaemonInfo probe(String serverVersion, String id, Path dataRoot,
                                   ImageService images, ContainerService containers) {
        Supplier<ContainerCounts> counts = () -> {
            var all = containers.list(new ContainerFilter(true, OptionalInt.empty(), List.of(), List.of(),
                    List.of(), List.of(), List.of()));
            int running = 0;
            int paused = 0;
            for (var c : all) {
                if (c.state().status() == ContainerStatus.PAUSED) {
                    paused++;
                } else if (c.state().running()) {
                    running++;
                }
            }
            return new ContainerCounts(all.size(), running, paused, all.size() - running - paused);
        };
        // dockerd counts every image, a build's intermediate ones too
        IntSupplier imageCount = () -> images.list(new ImageFilter(List.of(), java.util.Optional.empty(), List.of(),
                List.of(), List.of(), true)).size();
        return new DaemonInfo(id, hostName(), serverVersion, "", "linux", goArch(),
                readTrim(Path.of("/proc/sys/kernel/osrelease"), ""), osRelease("PRETTY_NAME", "Linux"),
                osRelease("VERSION_ID", ""), dataRoot, "runc", Map.of("runc", "runc"), "overlay2", "json-file",
                "cgroupfs", Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1",
                Runtime.getRuntime().availableProcessors(), memTotalBytes(), "tini",
                List.of("name=seccomp,profile=default"), false, false, counts, imageCount, DEFAULT_LOG_DRIVERS);
    }

    /** A fresh daemon ID in Docker's shape (a UUID). */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Go's name for the machine architecture, as Docker reports it. */
    public static String goArch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case String other -> other;
        };
    }

    private static String hostName() {
        String h = readTrim(Path.of("/proc/sys/kernel/hostname"), "");
        return h.isEmpty() ? "localhost" : h;
    }

    private static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux or unreadable: report 0, /info still answers
        }
        return 0;
    }

    private static String osRelease(String key, String dflt) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through to the default
        }
        return dflt;
    }

    private static String readTrim(Path p, String dflt) {
        try {
            return Files.readString(p).trim();
        } catch (IOException e) {
            return dflt;
        }
    }
}
