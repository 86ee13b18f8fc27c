package berth.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON of {@code POST /build}'s progress stream and of {@code POST /build/prune}'s reply. */
public final class BuildDtos {
    private BuildDtos() {}

    /** Text the CLI prints as is: {@code {"stream":"Step 1/3 : FROM busybox\n"}}. */
    public record StreamLine(@JsonProperty("stream") String stream) {}

    /** The built image's ID, which the CLI's {@code --iidfile} reads: {@code {"aux":{"ID":"sha256:…"}}}. */
    public record AuxLine(@JsonProperty("aux") ImageId aux) {}

    public record ImageId(@JsonProperty("ID") String id) {}

    /**
     * A failure after the stream began. The CLI exits with {@code code} when it is set (a RUN step's exit
     * status), else 1: {@code {"errorDetail":{"code":7,"message":"…"},"error":"…"}}.
     */
    public record ErrorLine(@JsonProperty("errorDetail") ErrorDetail errorDetail, @JsonProperty("error") String error) {
        public static ErrorLine of(int code, String message) {
            return new ErrorLine(new ErrorDetail(code, message), message);
        }
    }

    public record ErrorDetail(@JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("code") int code,
                              @JsonProperty("message") String message) {}

    /** {@code CachesDeleted} is null rather than empty when nothing went, as dockerd writes it. */
    public record PruneReport(@JsonProperty("CachesDeleted") List<String> cachesDeleted,
                              @JsonProperty("SpaceReclaimed") long spaceReclaimed) {
        public static PruneReport of(berth.build.BuildCachePruneReport r) {
            return new PruneReport(r.cachesDeleted().isEmpty() ? null : r.cachesDeleted(), r.spaceReclaimed());
        }
    }
}
