package berth.api.wire;

import berth.container.VolumeMount;
import berth.volume.PruneReport;
import berth.volume.Volume;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Wire shapes of the volume endpoints and of a volume's mount point in container inspect. */
public final class VolumeDtos {
    private VolumeDtos() {}

    /** {@code GET /volumes/{name}}: CreatedAt in RFC 3339 with seconds; empty Labels and Options are null, as in Docker. */
    public record VolumeJson(String createdAt, String driver, Map<String, String> labels, String mountpoint,
            String name, Map<String, String> options, String scope) {}

    public record ListResponse(List<VolumeJson> volumes, List<String> warnings) {}

    public record PruneResponse(List<String> volumesDeleted, long spaceReclaimed) {}

    /** Inspect's Mounts entry of type "volume". */
    public record VolumeMountPoint(String type, String name, String source, String destination, String driver,
            String mode, @JsonProperty("RW") boolean rw, String propagation) {}

    public static VolumeJson of(Volume v) {
        return new VolumeJson(v.createdAt().truncatedTo(ChronoUnit.SECONDS).toString(), v.driver(),
                v.labels().isEmpty() ? null : v.labels(),
                v.mountpoint().toString(), v.name(), v.options().isEmpty() ? null : v.options(), "local");
    }

    public static PruneResponse of(PruneReport r) {
        return new PruneResponse(r.removed(), r.spaceReclaimed());
    }

    /** Docker shows "z" for a -v or --mount volume without a mode, "" for anonymous image/Config volumes. */
    public static VolumeMountPoint mountPoint(VolumeMount m) {
        String mode = !m.mode().isEmpty() ? m.mode() : m.anonymous() && m.bindSpec().isEmpty() ? "" : "z";
        return new VolumeMountPoint("volume", m.name(), m.source(), m.destination(), "local", mode, !m.readOnly(), "");
    }
}
