package berth.logging.syslog;

import berth.errors.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the syslog driver sends: {@code syslog-address} parsed as Docker parses it. An empty
 * address means the local syslog daemon (/dev/log and its usual alternatives); TCP and UDP without
 * a port use 514; unix socket paths must exist when the option is checked.
 *
 * @param protocol {@code udp}, {@code tcp}, {@code tcp+tls}, {@code unix}, {@code unixgram}, or empty for local
 * @param address  {@code host:port} or a socket path; empty for local
 */
public record SyslogAddress(String protocol, String address) {
    public static final SyslogAddress LOCAL = new SyslogAddress("", "");

    private static final String[] TRANSPORTS = {"tcp://", "tcp+tls://", "udp://", "unix://", "unixgram://"};

    public static SyslogAddress parse(String value) {
        if (value == null || value.isEmpty()) {
            return LOCAL;
        }
        String scheme = null;
        for (String prefix : TRANSPORTS) {
            if (value.startsWith(prefix)) {
                scheme = prefix.substring(0, prefix.length() - 3);
            }
        }
        if (scheme == null) {
            throw BerthException.invalid("syslog-address should be in form proto://address, got " + value);
        }
        String rest = value.substring(scheme.length() + 3);
        if (scheme.equals("unix") || scheme.equals("unixgram")) {
            String path = stripQueryAndFragment(rest);
            if (!Files.exists(Path.of(path.isEmpty() ? "/" : path)) || path.isEmpty()) {
                throw BerthException.invalid("stat " + path + ": no such file or directory");
            }
            return new SyslogAddress(scheme, path);
        }
        String host = stripQueryAndFragment(rest);
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        if (!hasPort(host)) {
            host = host + ":514";
        }
        return new SyslogAddress(scheme, host);
    }

    public boolean isLocal() {
        return protocol.isEmpty();
    }

    /** The host part of a {@code host:port} address (brackets of an IPv6 literal removed). */
    public String host() {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        String port = address.substring(address.lastIndexOf(':') + 1);
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("address " + address + ": invalid port \"" + port + "\"");
        }
    }

    private static boolean hasPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close >= 0 && host.startsWith(":", close + 1);
        }
        return host.indexOf(':') >= 0;
    }

    private static String stripQueryAndFragment(String s) {
        int cut = s.length();
        for (char c : new char[] {'?', '#'}) {
            int i = s.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return s.substring(0, cut);
    }
}
