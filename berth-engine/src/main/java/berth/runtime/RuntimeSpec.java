package berth.runtime;

import berth.container.HostConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the OCI runtime adapter needs to start one container process. The engine has already
 * mounted the rootfs; the adapter writes the bundle's config.json (Docker's default capabilities,
 * seccomp profile, masked and read-only /proc paths, default mounts and devices), resolves
 * {@code user} against the rootfs's /etc/passwd and /etc/group, and starts the monitor.
 *
 * @param id          the container ID (64 hex)
 * @param bundle      a directory the adapter may own (config.json, pidfile, ...); exists
 * @param rootfs      the mounted rootfs
 * @param args        argv, non-empty, already merged from entrypoint + cmd
 * @param env         KEY=VALUE, already merged (image env, then container env; PATH default added)
 * @param user        Docker's user syntax: "", "name", "uid", "uid:gid", "name:group"
 * @param hostNetwork true: share the host's network namespace; false: a new, empty one (loopback only)
 * @param etcFiles    files bind-mounted read-write into the container: container path → host file
 *                    (/etc/hosts, /etc/hostname, /etc/resolv.conf)
 * @param logPath     where the monitor writes the output log (conmon k8s-file format)
 * @param openStdin   keep a stdin pipe the engine can write to through {@link ContainerRuntime#openStdin}
 * @param hostConfig  resources, security options, mounts and namespace modes, validated by the engine
 *                    (bind sources exist, names are known); the adapter turns them into the OCI spec
 * @param namespacePaths namespaces to join instead of creating: OCI type ("pid", "ipc", "network",
 *                    "uts") → a path like /proc/&lt;pid&gt;/ns/ipc (from {@code --ipc container:x} and friends)
 * @param sharedShm   a host directory (a tmpfs the engine mounted) to bind at /dev/shm instead of a
 *                    private tmpfs: a shareable IPC container's own, or the one of the container whose
 *                    IPC it joins, so POSIX shared memory is shared along with the System V objects
 * @param consoleSize the terminal's size from the start (with {@code tty}); empty: the runtime's default
 */
public record RuntimeSpec(
        String id,
        Path bundle,
        Path rootfs,
        List<String> args,
        List<String> env,
        String workingDir,
        String user,
        String hostname,
        boolean hostNetwork,
        Map<String, Path> etcFiles,
        Path logPath,
        boolean openStdin,
        boolean tty,
        Optional<Integer> stopSignalHint,
        HostConfig hostConfig,
        Map<String, Path> namespacePaths,
        Optional<berth.container.ConsoleSize> consoleSize,
        Optional<Path> sharedShm) {

    public RuntimeSpec {
        sharedShm = sharedShm == null ? Optional.empty() : sharedShm;
        hostConfig = hostConfig == null ? HostConfig.DEFAULT : hostConfig;
        namespacePaths = namespacePaths == null ? Map.of() : Map.copyOf(namespacePaths);
        consoleSize = consoleSize == null ? Optional.empty() : consoleSize;
        args = List.copyOf(args);
        env = List.copyOf(env);
        etcFiles = Map.copyOf(etcFiles);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("args must not be empty");
        }
    }

    /** With the runtime's default terminal size. */
    public RuntimeSpec(String id, Path bundle, Path rootfs, List<String> args, List<String> env, String workingDir,
                       String user, String hostname, boolean hostNetwork, Map<String, Path> etcFiles, Path logPath,
                       boolean openStdin, boolean tty, Optional<Integer> stopSignalHint, HostConfig hostConfig,
                       Map<String, Path> namespacePaths) {
        this(id, bundle, rootfs, args, env, workingDir, user, hostname, hostNetwork, etcFiles, logPath, openStdin, tty,
                stopSignalHint, hostConfig, namespacePaths, Optional.empty(), Optional.empty());
    }
}
