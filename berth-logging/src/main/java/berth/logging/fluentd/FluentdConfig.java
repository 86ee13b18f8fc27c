package berth.logging.fluentd;

import berth.text.GoDuration;
import berth.logging.buffer.RamSize;
import berth.logging.logfile.GoStrconv;
import java.time.Duration;
import java.util.Map;

/**
 * The fluentd driver's options, parsed as dockerd parses them (daemon/logger/fluentd parseConfig).
 *
 * @param bufferLimit        async mode: bytes of encoded messages held while the server is away
 * @param retryWait          the first reconnect wait; each next one is 1.5 times longer, at most {@link #MAX_RETRY_WAIT}
 * @param maxRetries         connection attempts (and write attempts) before a message is given up on
 * @param async              connect and send in the background; never block the container
 * @param subSecondPrecision send EventTime (nanoseconds) instead of whole seconds
 * @param requestAck         ask the server to acknowledge each message, and resend until it does
 */
public record FluentdConfig(FluentdAddress address, long bufferLimit, Duration retryWait, long maxRetries,
                            boolean async, boolean subSecondPrecision, boolean requestAck) {
    public static final String ADDRESS = "fluentd-address";
    public static final String ASYNC = "fluentd-async";
    /** Deprecated spelling of {@link #ASYNC}, still taken. */
    public static final String ASYNC_CONNECT = "fluentd-async-connect";
    public static final String BUFFER_LIMIT = "fluentd-buffer-limit";
    public static final String MAX_RETRIES = "fluentd-max-retries";
    public static final String REQUEST_ACK = "fluentd-request-ack";
    public static final String RETRY_WAIT = "fluentd-retry-wait";
    public static final String SUB_SECOND_PRECISION = "fluentd-sub-second-precision";

    public static final long DEFAULT_BUFFER_LIMIT = 1024 * 1024;
    public static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);
    /** dockerd's default: in effect, retry for ever. */
    public static final long DEFAULT_MAX_RETRIES = Integer.MAX_VALUE;
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);

    /** IllegalArgumentException with dockerd's words when an option is bad. */
    public static FluentdConfig parse(Map<String, String> cfg) {
        FluentdAddress address = FluentdAddress.parse(cfg.get(ADDRESS));
        long bufferLimit = isSet(cfg, BUFFER_LIMIT) ? RamSize.parse(cfg.get(BUFFER_LIMIT)) : DEFAULT_BUFFER_LIMIT;
        Duration retryWait = isSet(cfg, RETRY_WAIT) ? GoDuration.parse(cfg.get(RETRY_WAIT)) : DEFAULT_RETRY_WAIT;
        long maxRetries = isSet(cfg, MAX_RETRIES) ? parseUint(cfg.get(MAX_RETRIES)) : DEFAULT_MAX_RETRIES;
        if (isSet(cfg, ASYNC) && isSet(cfg, ASYNC_CONNECT)) {
            // dockerd's message, missing quote included
            throw new IllegalArgumentException("conflicting options: cannot specify both '" + ASYNC + "' and '"
                    + ASYNC_CONNECT);
        }
        boolean async = isSet(cfg, ASYNC) && GoStrconv.parseBool(cfg.get(ASYNC));
        boolean asyncConnect = isSet(cfg, ASYNC_CONNECT) && GoStrconv.parseBool(cfg.get(ASYNC_CONNECT));
        boolean subSecond = isSet(cfg, SUB_SECOND_PRECISION) && GoStrconv.parseBool(cfg.get(SUB_SECOND_PRECISION));
        boolean ack = isSet(cfg, REQUEST_ACK) && GoStrconv.parseBool(cfg.get(REQUEST_ACK));
        // fluent-logger-golang reads a zero as "use my default"
        if (bufferLimit == 0) {
            bufferLimit = 8 * 1024;
        }
        if (retryWait.toMillis() == 0) {
            retryWait = Duration.ofMillis(500);
        }
        if (maxRetries == 0) {
            maxRetries = 13;
        }
        return new FluentdConfig(address, bufferLimit, retryWait, maxRetries, async || asyncConnect, subSecond, ack);
    }

    private static boolean isSet(Map<String, String> cfg, String key) {
        String value = cfg.get(key);
        return value != null && !value.isEmpty();
    }

    /** Go's {@code strconv.ParseUint(s, 10, 64)}. */
    private static long parseUint(String s) {
        if (!s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + s + "\": invalid syntax");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseUint: parsing \"" + s + "\": value out of range");
        }
    }
}
