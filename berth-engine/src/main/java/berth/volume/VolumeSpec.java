package berth.volume;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code volume create} asks for.
 *
 * @param name    empty: an anonymous volume, named by 64 random hex digits
 * @param driver  "" or "local"
 * @param options local driver options: {@code type}, {@code device}, {@code o}
 */
public record VolumeSpec(Optional<String> name, String driver, Map<String, String> labels, Map<String, String> options) {
    public VolumeSpec {
        name = name == null ? Optional.empty() : name.filter(n -> !n.isEmpty());
        driver = driver == null || driver.isEmpty() ? "local" : driver;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public static VolumeSpec named(String name) {
        return new VolumeSpec(Optional.of(name), "local", Map.of(), Map.of());
    }

    public static VolumeSpec anonymous() {
        return new VolumeSpec(Optional.empty(), "local", Map.of(Volume.ANONYMOUS_LABEL, ""), Map.of());
    }
}
