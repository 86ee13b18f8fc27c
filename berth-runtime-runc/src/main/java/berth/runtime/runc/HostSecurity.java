package berth.runtime.runc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What the host offers a container beyond the defaults: the daemon's own capability bounding set (the
 * most a privileged container can get), the init binary for {@code --init}, and the host's devices.
 *
 * @param initBinary Debian's statically linked tini, bind-mounted as /sbin/docker-init as Docker does
 */
record HostSecurity(Set<String> boundingSet, Path initBinary, DeviceSource devices) {
    static final Path TINI = Path.of("/usr/bin/tini-static");

    HostSecurity {
        boundingSet = Set.copyOf(boundingSet);
    }

    static HostSecurity read() {
        try {
            return new HostSecurity(Capabilities.boundingSet(Files.readString(Path.of("/proc/self/status"))), TINI,
                    new HostDevices());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the daemon's capabilities from /proc/self/status", e);
        }
    }
}
