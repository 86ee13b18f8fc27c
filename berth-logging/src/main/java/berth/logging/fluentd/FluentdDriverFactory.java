package berth.logging.fluentd;

import berth.errors.BerthException;
import berth.logging.LogOptKeys;
import berth.logging.buffer.LogModes;
import berth.logging.tag.ExtraAttributes;
import berth.logging.tag.LogTag;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogDriverFactory;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** {@code --log-driver fluentd}: options and their checks as dockerd 20.10's fluentd driver has them. */
public final class FluentdDriverFactory implements LogDriverFactory {
    public static final String NAME = "fluentd";
    private static final Set<String> OWN_OPTIONS = Set.of("env", "env-regex", "labels", "labels-regex", "tag",
            FluentdConfig.ADDRESS, FluentdConfig.ASYNC, FluentdConfig.ASYNC_CONNECT, FluentdConfig.BUFFER_LIMIT,
            FluentdConfig.MAX_RETRIES, FluentdConfig.REQUEST_ACK, FluentdConfig.RETRY_WAIT,
            FluentdConfig.SUB_SECOND_PRECISION);
    /** Its own options and the delivery ones, which dockerd's driver also takes. */
    private static final Set<String> ACCEPTED = java.util.stream.Stream.concat(OWN_OPTIONS.stream(),
            LogModes.OPTIONS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> options() {
        return OWN_OPTIONS;
    }

    /** dockerd's checks: mode first (for every driver), then unknown keys, then each value. */
    @Override
    public void validate(Map<String, String> config) {
        LogModes.validate(config);
        LogOptKeys.requireKnown(config, ACCEPTED, "unknown log opt '%s' for fluentd log driver");
        parse(config);
        LogTag.validate(config.get("tag"));
    }

    @Override
    public LogDriver create(LogContext context) throws IOException {
        FluentdConfig config = parse(context.config());
        String tag = LogTag.render(context);
        Map<String, String> extra = ExtraAttributes.of(context);
        return FluentdDriver.open(config, tag, context.containerId(), context.containerName(), extra);
    }

    private static FluentdConfig parse(Map<String, String> config) {
        try {
            return FluentdConfig.parse(config);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid(e.getMessage(), e);
        }
    }
}
