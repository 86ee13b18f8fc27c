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
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
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
            @JsonInclude(JsonInclude.Include.NON_NULL) Healthcheck healthcheck,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> shell) {

        /** A config without SHELL (a container's, or an image built without one). */
        public Config(String hostname, String domainname, String user, boolean attachStdin, boolean attachStdout,
                      boolean attachStderr, Map<String, Map<String, Object>> exposedPorts, boolean tty,
                      boolean openStdin, boolean stdinOnce, List<String> env, List<String> cmd, String image,
                      Map<String, Map<String, Object>> volumes, String workingDir, List<String> entrypoint,
                      List<String> onBuild, Map<String, String> labels, String stopSignal, Integer stopTimeout,
                      Healthcheck healthcheck) {
            this(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts, tty, openStdin,
                    stdinOnce, env, cmd, image, volumes, workingDir, entrypoint, onBuild, labels, stopSignal,
                    stopTimeout, healthcheck, null);
        }
    }

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

    /**
     * A line of Docker's JSON progress stream (pull, push, load, import). Empty fields are left out as
     * Go's omitempty does; a per-layer line carries {@code progressDetail} even when it is {@code {}},
     * which is how the docker CLI knows to give that layer its own redrawn line.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgressLine(
            @JsonProperty("status") String status,
            @JsonProperty("progressDetail") ProgressDetail progressDetail,
            @JsonProperty("progress") String progress,
            @JsonProperty("id") String id,
            @JsonProperty("stream") String stream,
            @JsonProperty("aux") Object aux) {

        public static ProgressLine status(String s) {
            return new ProgressLine(s, null, null, null, null, null);
        }

        public static ProgressLine status(String s, String id) {
            return new ProgressLine(s, null, null, id, null, null);
        }

        public static ProgressLine stream(String s) {
            return new ProgressLine(null, null, null, null, s, null);
        }

        /** A layer's line: status, counts and Docker's rendered bar. */
        public static ProgressLine item(String id, String status, long current, long total) {
            String bar = ProgressBar.render(current, total);
            return new ProgressLine(status, new ProgressDetail(current, total), bar.isEmpty() ? null : bar, id, null, null);
        }

        /** Push's closing line for each tag: {@code {"progressDetail":{},"aux":{"Tag","Digest","Size"}}}. */
        public static ProgressLine aux(Object aux) {
            return new ProgressLine(null, new ProgressDetail(0, 0), null, null, null, aux);
        }
    }

    /** Zero counts are left out, as Go's {@code omitempty} does: a layer waiting shows {@code {}}. */
    public record ProgressDetail(
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("current") long current,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("total") long total) {}
}
