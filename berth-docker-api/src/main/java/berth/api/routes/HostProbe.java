package berth.api.routes;

import berth.container.local.CgroupSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What {@code GET /info} reads from the host and this process when asked, as dockerd's info does: the
 * cgroup features containers can be limited by, sysctls, open files and threads, the filesystem under the
 * data root, and the versions the runtime and init binaries print.
 */
final class HostProbe {
    private HostProbe() {}

    /**
     * The resource limits berth applies and the kernel supports. Kernel memory limits are Docker's alone
     * (deprecated there): berth never sets them, so they are reported absent.
     */
    record Limits(boolean memoryLimit, boolean swapLimit, boolean kernelMemory, boolean kernelMemoryTcp,
                  boolean cpuCfsPeriod, boolean cpuCfsQuota, boolean cpuShares, boolean cpuSet, boolean pidsLimit,
                  boolean oomKillDisable) {
        static Limits read() {
            CgroupSupport c = CgroupSupport.read(Path.of("/sys/fs/cgroup"));
            return new Limits(c.memoryLimit(), c.swapLimit(), false, false, c.cpuCfs(), c.cpuCfs(), c.cpuShares(),
                    c.cpuset(), c.pidsLimit(), c.oomKillDisable());
        }

        /** dockerd's warnings for what is missing, in its words and order. */
        List<String> warnings(String cgroupVersion) {
            List<String> out = new java.util.ArrayList<>();
            if (!memoryLimit) {
                out.add("WARNING: No memory limit support");
            }
            if (!swapLimit) {
                out.add("WARNING: No swap limit support");
            }
            if (!kernelMemory && cgroupVersion.equals("1")) {
                out.add("WARNING: No kernel memory limit support");
            }
            if (!kernelMemoryTcp && cgroupVersion.equals("1")) {
                out.add("WARNING: No kernel memory TCP limit support");
            }
            if (!oomKillDisable && cgroupVersion.equals("1")) {
                out.add("WARNING: No oom kill disable support");
            }
            if (!cpuCfsQuota) {
                out.add("WARNING: No cpu cfs quota support");
            }
            if (!cpuCfsPeriod) {
                out.add("WARNING: No cpu cfs period support");
            }
            if (!cpuShares) {
                out.add("WARNING: No cpu shares support");
            }
            if (!cpuSet) {
                out.add("WARNING: No cpuset support");
            }
            return out;
        }
    }

    /** A sysctl that is a switch, e.g. {@code net/ipv4/ip_forward}; false when absent (a module not loaded). */
    static boolean sysctlOn(String name) {
        try {
            return Files.readString(Path.of("/proc/sys").resolve(name)).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /** File descriptors this process holds. */
    static int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Threads of this process: berth's honest counterpart of dockerd's goroutine count. */
    static int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report 0
        }
        return Thread.activeCount();
    }

    /**
     * The filesystem under {@code dir} by dockerd's names for it ({@code extfs} for ext2/3/4,
     * {@code overlayfs}, {@code smb}, else the kernel's name), for DriverStatus' "Backing Filesystem".
     */
    static String backingFilesystem(Path dir) {
        String type;
        try {
            type = Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "<unknown>";
        }
        return switch (type) {
            case "ext2", "ext3", "ext4", "ext2/ext3" -> "extfs";
            case "overlay" -> "overlayfs";
            case "cifs", "smb3" -> "smb";
            default -> type;
        };
    }

    /** The {@code commit:} line of {@code runc --version}, what dockerd shows as RuncCommit; empty if none. */
    static String runtimeCommit(String binary) {
        return runcCommit(run(binary, "--version"));
    }

    /** The init binary's commit (dockerd's InitCommit), from {@code tini --version}. */
    static String initCommit(String binary) {
        return tiniCommit(run(binary, "--version"));
    }

    static String runcCommit(String versionOutput) {
        return versionOutput.lines().filter(l -> l.startsWith("commit:"))
                .map(l -> l.substring("commit:".length()).strip()).findFirst().orElse("");
    }

    /** "tini version 0.19.0 - git.de40ad0" gives the commit; Debian's "tini version 0.19.0" only the version. */
    static String tiniCommit(String versionOutput) {
        String[] parts = versionOutput.strip().split(" - ");
        if (parts.length >= 2 && parts[1].strip().startsWith("git.")) {
            return parts[1].strip().substring("git.".length());
        }
        return parts[0].startsWith("tini version ") ? parts[0].substring("tini version ".length()).strip() : "";
    }

    private static String run(String binary, String arg) {
        try {
            Process p = new ProcessBuilder(binary, arg).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The proxy variable dockerd reports (the upper-case name first), with any password masked as dockerd does. */
    static String proxy(String name) {
        String v = Optional.ofNullable(System.getenv(name.toUpperCase(java.util.Locale.ROOT)))
                .orElse(Optional.ofNullable(System.getenv(name)).orElse(""));
        return v.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]+):[^@/]*@", "$1:xxxxx@");
    }
}
