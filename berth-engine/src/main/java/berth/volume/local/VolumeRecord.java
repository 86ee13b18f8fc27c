package berth.volume.local;

import berth.volume.Volume;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** On-disk form of a volume ({@code volumes/<name>/volume.json}): plain types, epoch nanos. */
record VolumeRecord(String name, String driver, long createdNanos, Map<String, String> labels,
        Map<String, String> options) {

    static VolumeRecord of(Volume v) {
        Instant t = v.createdAt();
        return new VolumeRecord(v.name(), v.driver(), t.getEpochSecond() * 1_000_000_000L + t.getNano(), v.labels(),
                v.options());
    }

    Volume toVolume(Path mountpoint) {
        return new Volume(name, driver == null ? "local" : driver, mountpoint,
                Instant.ofEpochSecond(0, createdNanos), labels == null ? Map.of() : labels,
                options == null ? Map.of() : options);
    }
}
