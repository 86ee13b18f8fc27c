package berth.logging.gelf;

import berth.errors.BerthException;
import berth.logging.LogOptKeys;
import berth.logging.tag.LogTag;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogDriverFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code --log-driver gelf}: options and their checks as dockerd 20.10 has them. UDP messages are
 * compressed with gzip at level 1 unless told otherwise; TCP ones are not compressed. A TCP
 * receiver must be reachable when the driver is created, as in Docker.
 */
public final class GelfDriverFactory implements LogDriverFactory {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    private static final int DEFAULT_LEVEL = 1; // go-gelf's flate.BestSpeed
    private static final int DEFAULT_MAX_RECONNECT = 3;
    private static final int DEFAULT_RECONNECT_DELAY_SECONDS = 1;

    private static final Set<String> OPTIONS = Set.of("gelf-address", "tag", "labels", "labels-regex", "env",
            "env-regex", "gelf-compression-level", "gelf-compression-type", "gelf-tcp-max-reconnect",
            "gelf-tcp-reconnect-delay");

    @Override
    public String name() {
        return "gelf";
    }

    @Override
    public Set<String> options() {
        return OPTIONS;
    }

    @Override
    public void validate(Map<String, String> config) {
        GelfAddress address = GelfAddress.parse(config.get("gelf-address"));
        LogOptKeys.requireKnown(config, OPTIONS, "unknown log opt \"%s\" for gelf log driver");
        for (var e : config.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "gelf-address", "tag", "labels", "labels-regex", "env", "env-regex" -> { }
                case "gelf-compression-level" -> {
                    requireUdp(address);
                    Integer level = integer(value);
                    if (level == null || level < -1 || level > 9) {
                        throw unknownValue(key, value);
                    }
                }
                case "gelf-compression-type" -> {
                    requireUdp(address);
                    if (!Set.of("gzip", "zlib", "none").contains(value)) {
                        throw unknownValue(key, value);
                    }
                }
                case "gelf-tcp-max-reconnect", "gelf-tcp-reconnect-delay" -> {
                    if (address.isUdp()) {
                        throw BerthException.invalid("\"" + key + "\" is only valid for TCP");
                    }
                    Integer n = integer(value);
                    if (n == null || n < 0) {
                        throw BerthException.invalid("\"" + key + "\" must be a positive integer");
                    }
                }
                default -> throw new IllegalStateException("unchecked option " + key);
            }
        }
        LogTag.validate(config.get("tag"));
    }

    @Override
    public LogDriver create(LogContext context) throws IOException {
        Map<String, String> config = context.config();
        validate(config);
        GelfAddress address = GelfAddress.parse(config.get("gelf-address"));
        GelfEncoder encoder = new GelfEncoder(context, LogTag.localHostname(), LogTag.render(context));
        InetSocketAddress target = new InetSocketAddress(address.host(), address.port());
        GelfWriter writer;
        try {
            writer = address.isUdp()
                    ? new GelfUdpWriter(target, GelfCompression.parse(config.get("gelf-compression-type")),
                            intOption(config, "gelf-compression-level", DEFAULT_LEVEL))
                    : new GelfTcpWriter(target, intOption(config, "gelf-tcp-max-reconnect", DEFAULT_MAX_RECONNECT),
                            Duration.ofSeconds(intOption(config, "gelf-tcp-reconnect-delay", DEFAULT_RECONNECT_DELAY_SECONDS)),
                            CONNECT_TIMEOUT, WRITE_TIMEOUT);
        } catch (IOException e) {
            throw new IOException("gelf: cannot connect to GELF endpoint: " + address.host() + ":" + address.port()
                    + " " + e.getMessage(), e);
        }
        return new GelfDriver(encoder, writer);
    }

    private static void requireUdp(GelfAddress address) {
        if (!address.isUdp()) {
            throw BerthException.invalid("compression is only supported on UDP");
        }
    }

    private static BerthException unknownValue(String key, String value) {
        return BerthException.invalid("unknown value \"" + value + "\" for log opt \"" + key + "\" for gelf log driver");
    }

    private static Integer integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int intOption(Map<String, String> config, String key, int fallback) {
        String value = config.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
