package berth.logging.gelf;

import berth.errors.BerthException;

/**
 * {@code gelf-address}, required: {@code udp://host:port} or {@code tcp://host:port}, checked with
 * Docker's messages.
 */
public record GelfAddress(String protocol, String host, int port) {
    private static final String[] TRANSPORTS = {"tcp://", "tcp+tls://", "udp://", "unix://", "unixgram://"};

    public static GelfAddress parse(String value) {
        if (value == null || value.isEmpty()) {
            throw BerthException.invalid("gelf-address is a required parameter");
        }
        String scheme = null;
        for (String prefix : TRANSPORTS) {
            if (value.startsWith(prefix)) {
                scheme = prefix.substring(0, prefix.length() - 3);
            }
        }
        if (scheme == null) {
            throw BerthException.invalid("gelf-address should be in form proto://address, got " + value);
        }
        if (!scheme.equals("udp") && !scheme.equals("tcp")) {
            throw BerthException.invalid("gelf: endpoint needs to be TCP or UDP");
        }
        String hostPort = value.substring(scheme.length() + 3).split("[/?#]", 2)[0];
        int colon = hostPort.lastIndexOf(':');
        boolean bracketed = hostPort.startsWith("[");
        if (colon < 0 || bracketed && colon < hostPort.indexOf(']')
                || !bracketed && hostPort.indexOf(':') != colon) {
            throw BerthException.invalid("gelf: please provide gelf-address as proto://host:port");
        }
        String host = hostPort.substring(0, colon);
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw BerthException.invalid("gelf: please provide gelf-address as proto://host:port");
        }
        return new GelfAddress(scheme, host, port);
    }

    public boolean isUdp() {
        return protocol.equals("udp");
    }
}
