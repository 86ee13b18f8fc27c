package berth.container;

import berth.content.Digest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A container as {@code GET /containers/{id}/json} shows it.
 *
 * @param name      without the leading slash
 * @param path      argv[0] as run; {@code args} the rest
 * @param imageId   the image's ID at create time
 * @param imageName the reference the user gave ({@code Config.Image}, {@code Image} in ps)
 * @param manuallyStopped the user stopped or killed it: no restart policy applies until the next start
 */
public record Container(
        String id,
        String name,
        Instant created,
        String path,
        List<String> args,
        ContainerState state,
        Digest imageId,
        String imageName,
        ContainerConfig config,
        String networkMode,
        boolean autoRemove,
        Path logPath,
        Path resolvConfPath,
        Path hostnamePath,
        Path hostsPath,
        int restartCount,
        String driver,
        String runtime,
        HostConfig hostConfig,
        boolean manuallyStopped) {

    public Container {
        args = List.copyOf(args);
        hostConfig = hostConfig == null ? HostConfig.DEFAULT : hostConfig;
    }

    /** A container the user has not stopped (Docker's HasBeenManuallyStopped false). */
    public Container(String id, String name, Instant created, String path, List<String> args, ContainerState state,
            Digest imageId, String imageName, ContainerConfig config, String networkMode, boolean autoRemove,
            Path logPath, Path resolvConfPath, Path hostnamePath, Path hostsPath, int restartCount, String driver,
            String runtime, HostConfig hostConfig) {
        this(id, name, created, path, args, state, imageId, imageName, config, networkMode, autoRemove, logPath,
                resolvConfPath, hostnamePath, hostsPath, restartCount, driver, runtime, hostConfig, false);
    }

    /** Whether a stop or kill by the user ended the last run: restart policies leave it alone. */
    public Container withManuallyStopped(boolean stopped) {
        return new Container(id, name, created, path, args, state, imageId, imageName, config, networkMode, autoRemove,
                logPath, resolvConfPath, hostnamePath, hostsPath, restartCount, driver, runtime, hostConfig, stopped);
    }

    public Container withState(ContainerState s) {
        return new Container(id, name, created, path, args, s, imageId, imageName, config, networkMode, autoRemove,
                logPath, resolvConfPath, hostnamePath, hostsPath, restartCount, driver, runtime, hostConfig, manuallyStopped);
    }

    public Container withName(String n) {
        return new Container(id, n, created, path, args, state, imageId, imageName, config, networkMode, autoRemove,
                logPath, resolvConfPath, hostnamePath, hostsPath, restartCount, driver, runtime, hostConfig, manuallyStopped);
    }

    public Container withRestartCount(int count) {
        return new Container(id, name, created, path, args, state, imageId, imageName, config, networkMode, autoRemove,
                logPath, resolvConfPath, hostnamePath, hostsPath, count, driver, runtime, hostConfig, manuallyStopped);
    }

    public Container withHostConfig(HostConfig h) {
        return new Container(id, name, created, path, args, state, imageId, imageName, config, networkMode, autoRemove,
                logPath, resolvConfPath, hostnamePath, hostsPath, restartCount, driver, runtime, h, manuallyStopped);
    }

    public String shortId() {
        return id.substring(0, 12);
    }
}
