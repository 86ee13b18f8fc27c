package berth.logs.driver;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a driver knows about the container it logs for: Docker's {@code logger.Info}. Tag templates
 * ({@code {{.ID}}}, {@code {{.Name}}}, {@code {{.ImageName}}}, …) and the {@code labels}/{@code env}
 * options read it.
 *
 * @param config          the container's {@code --log-opt} values merged over the daemon's defaults
 * @param containerId     the full ID
 * @param containerName   the name without the leading {@code /}
 * @param imageId         the image's ID ({@code sha256:…})
 * @param imageName       the image as the user named it ({@code busybox:latest})
 * @param created         when the container was created
 * @param labels          the container's labels
 * @param env             the container's environment, {@code NAME=value}
 * @param logPath         where a file driver keeps the log ({@code <container dir>/<id>-json.log}); other drivers ignore it
 * @param daemonName      {@code berth}, for {@code {{.DaemonName}}}
 * @param hostname        the container's hostname
 */
public record LogContext(Map<String, String> config, String containerId, String containerName, String imageId,
                         String imageName, Instant created, Map<String, String> labels, List<String> env,
                         java.nio.file.Path logPath, String daemonName, String hostname) {
    public LogContext {
        config = Map.copyOf(config);
        labels = Map.copyOf(labels);
        env = List.copyOf(env);
    }
}
