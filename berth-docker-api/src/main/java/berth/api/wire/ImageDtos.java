package berth.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Wire shapes of the image endpoints, as Docker writes them. */
public final class ImageDtos {
    private ImageDtos() {}

    public record Summary(
            String id,
            String parentId,
            List<String> repoTags,
            List<String> repoDigests,
            long created,
            long size,
            long sharedSize,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long virtualSize,
            Map<String, String> labels,
            int containers) {}

    public record Inspect(
            String id,
            List<String> repoTags,
            List<String> repoDigests,
            String parent,
            String comment,
            String created,
            String container,
            Config containerConfig,
            String dockerVersion,
            String author,
            Config config,
            String architecture,
            String os,
            long size,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long virtualSize,
            GraphDriver graphDriver,
            RootFs rootFS,
            Metadata metadata) {}

    /** The Config of an image (and of a container in inspect): Docker's container.Config. */
    public record Config(
            String hostname,
            String domainname,
            String user,
            boolean attachStdin,
            boolean attachStdout,
            boolean attachStderr,
            Map<String, Map<String, Object>> exposedPorts,
            boolean tty,
            boolean openStdin,
            boolean stdinOnce,
            List<String> env,
            List<String> cmd,
            String image,
            Map<String, Map<String, Object>> volumes,
            String workingDir,
            List<String> entrypoint,
            List<String> onBuild,
            Map<String, String> labels,
            @JsonInclude(JsonInclude.Include.NON_NULL) String stopSignal,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer stopTimeout,
            @JsonInclude(JsonInclude.Include.NON_NULL) Healthcheck healthcheck) {}

    /** Durations in nanoseconds; zero fields are left out, as Docker's omitempty does. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Healthcheck(List<String> test, long interval, long timeout, long startPeriod, int retries) {}

    public record GraphDriver(String name, Map<String, String> data) {}

    public record RootFs(String type, List<String> layers) {}

    public record Metadata(String lastTagTime) {}

    public record HistoryItem(String id, long created, String createdBy, List<String> tags, long size, String comment) {}

    /** One line of {@code DELETE /images/{name}}: exactly one of the two is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeleteItem(String untagged, String deleted) {}

    public record PruneReport(List<DeleteItem> imagesDeleted, long spaceReclaimed) {}

    /** A line of Docker's JSON progress stream (pull, load, import). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressLine(
            @JsonProperty("status") String status,
            @JsonProperty("id") String id,
            @JsonProperty("progressDetail") ProgressDetail progressDetail,
            @JsonProperty("stream") String stream) {

        public static ProgressLine status(String s) {
            return new ProgressLine(s, null, null, null);
        }

        public static ProgressLine stream(String s) {
            return new ProgressLine(null, null, null, s);
        }
    }

    public record ProgressDetail(@JsonProperty("current") long current, @JsonProperty("total") long total) {}
}
