package berth.logging.journald;

import berth.errors.BerthException;
import berth.logging.LogOptKeys;
import berth.errors.ErrorKind;
import berth.logging.buffer.LogModes;
import berth.logging.tag.ExtraAttributes;
import berth.logging.tag.LogTag;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogDriverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --log-driver journald}: available where systemd-journald listens on its native socket;
 * elsewhere creating a driver fails with Docker's "journald is not enabled on this host".
 */
public final class JournaldDriverFactory implements LogDriverFactory {
    public static final String NAME = "journald";
    public static final Path JOURNAL_SOCKET = Path.of("/run/systemd/journal/socket");
    private static final Set<String> OWN_OPTIONS = Set.of("labels", "labels-regex", "env", "env-regex", "tag");
    /** Its own options and the delivery ones, which dockerd's driver also takes. */
    private static final Set<String> ACCEPTED = java.util.stream.Stream.concat(OWN_OPTIONS.stream(),
            LogModes.OPTIONS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Path socket;

    public JournaldDriverFactory() {
        this(JOURNAL_SOCKET);
    }

    /** A factory sending to another socket than journald's (tests bind their own). */
    public JournaldDriverFactory(Path socket) {
        this.socket = socket;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return OWN_OPTIONS;
    }

    @Override
    public void validate(Map<String, String> config) {
        LogModes.validate(config);
        LogOptKeys.requireKnown(config, ACCEPTED, "unknown log opt '%s' for journald log driver");
        LogTag.validate(config.get("tag"));
    }

    /** True when journald's socket is there. */
    public boolean enabled() {
        return Files.exists(socket);
    }

    @Override
    public LogDriver create(LogContext context) throws IOException {
        if (!enabled()) {
            throw new BerthException(ErrorKind.FAILED_PRECONDITION, "journald is not enabled on this host");
        }
        String tag = LogTag.render(context);
        String id = context.containerId();
        String name = context.containerName();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("CONTAINER_ID", id.length() > 12 ? id.substring(0, 12) : id);
        fields.put("CONTAINER_ID_FULL", id);
        fields.put("CONTAINER_NAME", name.startsWith("/") ? name.substring(1) : name);
        fields.put("CONTAINER_TAG", tag);
        fields.put("IMAGE_NAME", context.imageName());
        fields.put("SYSLOG_IDENTIFIER", tag);
        fields.putAll(ExtraAttributes.of(context, JournalEntry::fieldName));
        return new JournaldDriver(socket, fields);
    }
}
