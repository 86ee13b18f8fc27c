package berth.logs.driver;

import java.util.Map;

/**
 * {@code HostConfig.LogConfig}: a container's log driver and its {@code --log-opt}s. A container stores the
 * resolved one (the daemon's defaults filled in at create, as Docker does), so a later change of the
 * daemon's defaults does not change existing containers.
 */
public record LogConfig(String type, Map<String, String> config) {
    public LogConfig {
        type = type == null ? "" : type;
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    /** Docker's default: json-file without options. */
    public static final LogConfig JSON_FILE = new LogConfig("json-file", Map.of());

    /**
     * An empty type taken as json-file: a container stored before berth had log drivers has none, and a daemon
     * default without a driver is Docker's.
     */
    public LogConfig orJsonFile() {
        return type.isEmpty() ? new LogConfig(JSON_FILE.type(), config) : this;
    }
}
