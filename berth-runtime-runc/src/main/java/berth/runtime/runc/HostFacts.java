package berth.runtime.runc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What the spec generator needs to know about the host: the daemon's own hard open-files limit
 * (a container asking for more makes runc fail with "error setting rlimits"), the host's hostname
 * (kept by host-network containers, as Docker does) and the kernel release (seccomp minKernel).
 */
record HostFacts(OptionalLong nofileHardLimit, String hostname, KernelVersion kernel) {

    static HostFacts read() {
        try {
            String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            KernelVersion kernel = KernelVersion.parse(Files.readString(Path.of("/proc/sys/kernel/osrelease")));
            return new HostFacts(nofileHard(Files.readString(Path.of("/proc/self/limits"))), hostname, kernel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read host facts from /proc", e);
        }
    }

    /** The hard "Max open files" from /proc/self/limits text; empty when unlimited or absent. */
    static OptionalLong nofileHard(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] cols = line.substring("Max open files".length()).trim().split("\\s+");
                if (cols.length >= 2 && cols[1].chars().allMatch(Character::isDigit)) {
                    return OptionalLong.of(Long.parseLong(cols[1]));
                }
            }
        }
        return OptionalLong.empty();
    }
}
