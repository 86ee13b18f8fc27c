package berth.daemon;

import berth.errors.BerthException;
import berth.runtime.ContainerRuntime;
import berth.runtime.runc.RuncRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Picks the OCI runtime. Asked for by name, it must be installed and usable here; by default crun
 * when it can run on this host's cgroup layout, otherwise runc (crun refuses hybrid cgroups).
 */
record RuntimeChoice(ContainerRuntime runtime, Path binary) {
    private static final Path CONMON = Path.of("/usr/bin/conmon");

    static RuntimeChoice select(Optional<String> requested, Path execRoot) {
        if (!Files.isExecutable(CONMON)) {
            throw BerthException.invalid("conmon is not installed (" + CONMON + "): apt-get install conmon");
        }
        if (requested.isPresent()) {
            String name = requested.get();
            if (!List.of("runc", "crun").contains(name)) {
                throw BerthException.invalid("unknown runtime \"" + name + "\": berth supports runc and crun");
            }
            RuncRuntime rt = make(name, execRoot);
            rt.unusableReason().ifPresent(why -> {
                throw BerthException.invalid("runtime " + name + " cannot run on this host: " + why);
            });
            return new RuntimeChoice(rt, binary(name).orElseThrow());
        }
        if (binary("crun").isPresent()) {
            RuncRuntime crun = make("crun", execRoot);
            if (crun.unusableReason().isEmpty()) {
                return new RuntimeChoice(crun, binary("crun").orElseThrow());
            }
        }
        return new RuntimeChoice(make("runc", execRoot), binary("runc").orElseThrow(
                () -> BerthException.invalid("no OCI runtime found: apt-get install runc")));
    }

    private static RuncRuntime make(String name, Path execRoot) {
        Path bin = binary(name).orElseThrow(() -> BerthException.invalid(
                "runtime " + name + " is not installed: apt-get install " + name));
        return new RuncRuntime(bin, CONMON, execRoot, execRoot.resolve(name));
    }

    static Optional<Path> binary(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
