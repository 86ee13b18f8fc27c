package berth.logging.syslog;

import berth.logging.LogOptKeys;
import berth.logging.tag.LogTag;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogDriverFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code --log-driver syslog}: options and their checks as dockerd 20.10 has them. The connection is
 * made when the driver is created, so an unreachable stream receiver fails the container's start, as in Docker.
 */
public final class SyslogDriverFactory implements LogDriverFactory {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> OPTIONS = Set.of("env", "env-regex", "labels", "labels-regex", "syslog-address",
            "syslog-facility", "syslog-tls-ca-cert", "syslog-tls-cert", "syslog-tls-key", "syslog-tls-skip-verify",
            "tag", "syslog-format");

    @Override
    public String name() {
        return "syslog";
    }

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public void validate(Map<String, String> config) {
        LogOptKeys.requireKnown(config, OPTIONS, "unknown log opt '%s' for syslog log driver");
        SyslogAddress.parse(config.get("syslog-address"));
        SyslogFacility.parse(config.get("syslog-facility"));
        SyslogFormat.parse(config.get("syslog-format"));
        LogTag.validate(config.get("tag"));
    }

    @Override
    public LogDriver create(LogContext context) throws IOException {
        return create(context, SyslogConnector.LOCAL_SOCKETS);
    }

    /** As {@link #create(LogContext)}, looking for the local daemon at {@code localSockets}. */
    LogDriver create(LogContext context, java.util.List<java.nio.file.Path> localSockets) throws IOException {
        Map<String, String> config = context.config();
        validate(config);
        String tag = LogTag.render(context);
        SyslogAddress address = SyslogAddress.parse(config.get("syslog-address"));
        int facility = SyslogFacility.parse(config.get("syslog-facility"));
        SyslogFormat format = SyslogFormat.parse(config.get("syslog-format"));
        SyslogTls tls = address.protocol().equals("tcp+tls") ? SyslogTls.from(config) : null;
        SyslogConnector connector = new SyslogConnector(address, tls, CONNECT_TIMEOUT, WRITE_TIMEOUT, localSockets);
        SyslogConnection connection = connector.connect();
        return new SyslogDriver(connector, format, facility, tag, LogTag.localHostname(), connection);
    }
}
