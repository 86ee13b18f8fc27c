package berth.container.local;

import java.nio.file.Path;

/**
 * Where one container's files live. Durable state under the data root
 * ({@code containers/<id>/}: {@code config.json}, the writable layer {@code diff/} and overlay's
 * {@code work/}, the log, and the {@code /etc} files given to the container); run-time state under the
 * exec root ({@code <exec-root>/c/<id>/}: the rootfs mount point and the runtime bundle), which does
 * not survive a reboot, as mounts and processes do not either.
 */
record ContainerFiles(Path dir, Path runDir) {
    static ContainerFiles of(Path dataRoot, Path execRoot, String id) {
        return new ContainerFiles(dataRoot.resolve("containers").resolve(id), execRoot.resolve("c").resolve(id));
    }

    Path config() {
        return dir.resolve("config.json");
    }

    Path upper() {
        return dir.resolve("diff");
    }

    Path work() {
        return dir.resolve("work");
    }

    /**
     * conmon's k8s-file of the container's output: the spool the log shipper reads (see {@link ContainerLogs}).
     * In a directory of its own, which readers watch with inotify: the driver's files beside it would wake
     * them on every line the driver writes.
     */
    Path spool() {
        return dir.resolve("spool").resolve("container.log");
    }

    /** json-file's log, Docker's name for it ({@code <id>-json.log}); the other file drivers keep theirs beside it. */
    Path jsonLog(String id) {
        return dir.resolve(id + "-json.log");
    }

    /** {@code LogPath} in inspect: json-file's file, as Docker shows it; none for the other drivers. */
    Path driverLog(String id, berth.logs.driver.LogConfig config) {
        return config.orJsonFile().type().equals(berth.logs.driver.LogConfig.JSON_FILE.type()) ? jsonLog(id) : null;
    }

    Path hostname() {
        return dir.resolve("hostname");
    }

    Path hosts() {
        return dir.resolve("hosts");
    }

    Path resolvConf() {
        return dir.resolve("resolv.conf");
    }

    Path rootfs() {
        return runDir.resolve("rootfs");
    }

    Path bundle() {
        return runDir.resolve("bundle");
    }

    /** The host-side /dev/shm of a container with shareable IPC (a tmpfs mounted here while it runs). */
    Path shm() {
        return runDir.resolve("shm");
    }
}
