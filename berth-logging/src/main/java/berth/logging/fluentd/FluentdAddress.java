package berth.logging.fluentd;

import berth.logging.logfile.GoStrconv;
import java.util.Locale;

/**
 * Where the Fluentd server listens ({@code fluentd-address}): {@code host}, {@code host:port},
 * {@code tcp://host:port} or {@code unix:///path}; the default is {@code 127.0.0.1:24224}. The
 * transports dockerd accepts here but cannot use ({@code udp}, {@code unixgram}) parse, and fail when
 * the driver connects ("unknown network udp"), as in Docker.
 *
 * @param protocol {@code tcp} or {@code unix} (or an unusable transport, kept to name it in the error)
 * @param path     the socket's path for {@code unix}, else empty
 */
public record FluentdAddress(String protocol, String host, int port, String path) {
    public static final int DEFAULT_PORT = 24224;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public static FluentdAddress defaultAddress() {
        return new FluentdAddress("tcp", DEFAULT_HOST, DEFAULT_PORT, "");
    }

    /** Parses the option as dockerd does; IllegalArgumentException with dockerd's words. */
    public static FluentdAddress parse(String address) {
        if (address == null || address.isEmpty()) {
            return defaultAddress();
        }
        String protocol = "tcp";
        String hostPort = address;
        int scheme = address.indexOf("://");
        if (scheme > 0 && isTransport(address.substring(0, scheme))) {
            protocol = address.substring(0, scheme).toLowerCase(Locale.ROOT);
            String rest = address.substring(scheme + 3);
            if (protocol.equals("unix") || protocol.equals("unixgram")) {
                // url.Path: what follows the (usually empty) host
                int slash = rest.indexOf('/');
                return new FluentdAddress(protocol, "", 0, slash < 0 ? "" : rest.substring(slash));
            }
            int slash = rest.indexOf('/');
            hostPort = slash < 0 ? rest : rest.substring(0, slash);
        }
        return splitHostPort(protocol, hostPort, address);
    }

    private static boolean isTransport(String scheme) {
        return switch (scheme) {
            case "tcp", "tcp+tls", "udp", "unix", "unixgram" -> true;
            default -> false;
        };
    }

    private static FluentdAddress splitHostPort(String protocol, String hostPort, String given) {
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            if (end < 0) {
                throw invalid(given, "address " + hostPort + ": missing ']' in address");
            }
            host = hostPort.substring(1, end);
            String after = hostPort.substring(end + 1);
            if (after.isEmpty()) {
                return new FluentdAddress(protocol, host, DEFAULT_PORT, "");
            }
            if (!after.startsWith(":")) {
                throw invalid(given, "address " + hostPort + ": unexpected ']' in address");
            }
            port = after.substring(1);
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                return new FluentdAddress(protocol, hostPort, DEFAULT_PORT, "");
            }
            if (hostPort.indexOf(':') != colon) {
                throw invalid(given, "address " + hostPort + ": too many colons in address");
            }
            host = hostPort.substring(0, colon);
            port = hostPort.substring(colon + 1);
        }
        try {
            return new FluentdAddress(protocol, host, GoStrconv.atoi(port), "");
        } catch (IllegalArgumentException e) {
            throw invalid(given, e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String given, String why) {
        return new IllegalArgumentException("invalid fluentd-address " + given + ": " + why);
    }

    @Override
    public String toString() {
        return protocol.startsWith("unix") ? protocol + "://" + path
                : protocol + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
