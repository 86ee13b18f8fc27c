package berth.logging.tag;

import berth.logs.driver.LogContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A container's logging context for tests, with fixed IDs and names. */
public final class TestContexts {
    public static final String CONTAINER_ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public static final String IMAGE_ID = "sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    public static final Instant CREATED = Instant.parse("2026-12-04T10:15:30.120Z");

    private TestContexts() {}

    public static LogContext context(Map<String, String> config) {
        return context(config, Map.of(), List.of());
    }

    public static LogContext context(Map<String, String> config, Map<String, String> labels, List<String> env) {
        return new LogContext(config, CONTAINER_ID, "/web", IMAGE_ID, "busybox:latest", CREATED, labels, env,
                Path.of("/var/lib/berth/containers/x/x-json.log"), "berth", "web-host");
    }
}
