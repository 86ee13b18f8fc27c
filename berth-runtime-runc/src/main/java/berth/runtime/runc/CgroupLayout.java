package berth.runtime.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which cgroup layout the host has, as far as choosing an OCI runtime goes. crun refuses the
 * "hybrid" layout (v1 controllers plus a cgroup2 mount that has controllers of its own, here
 * hugetlb at /sys/fs/cgroup/unified); runc copes with it.
 */
final class CgroupLayout {
    private CgroupLayout() {}

    static Optional<String> crunUnusableReason(Path cgroupRoot) {
        if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
            return Optional.empty(); // pure cgroup v2
        }
        Path unifiedControllers = cgroupRoot.resolve("unified").resolve("cgroup.controllers");
        try {
            if (Files.exists(unifiedControllers) && !Files.readString(unifiedControllers).isBlank()) {
                return Optional.of("crun cannot run containers on this host: cgroups are in hybrid mode with controllers ("
                        + Files.readString(unifiedControllers).trim() + ") on the cgroup2 hierarchy at "
                        + cgroupRoot.resolve("unified") + "; use runc");
            }
        } catch (IOException e) {
            return Optional.of("crun: cannot read " + unifiedControllers + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
