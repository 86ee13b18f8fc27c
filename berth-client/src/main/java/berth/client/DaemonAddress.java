package berth.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the daemon listens. Only unix sockets for now: the daemon accepts TCP only with mutual TLS,
 * and the client has no TLS yet, so a {@code tcp://} host is refused with a message saying so.
 */
public record DaemonAddress(Path socket) {
    public static final String DEFAULT_HOST = "unix:///run/berth/berth.sock";

    public DaemonAddress {
        Objects.requireNonNull(socket, "socket");
    }

    /**
     * Parses a host as docker writes it: {@code unix:///path/to.sock}; a bare absolute path is
     * accepted as a unix socket too.
     *
     * @throws ClientException for other schemes, naming what is supported
     */
    public static DaemonAddress parse(String host) {
        String h = host.strip();
        if (h.startsWith("unix://")) {
            String path = h.substring("unix://".length());
            if (path.isEmpty() || !path.startsWith("/")) {
                throw new ClientException("invalid host \"" + host + "\": a unix socket host needs an absolute path, as in "
                        + DEFAULT_HOST);
            }
            return new DaemonAddress(Path.of(path));
        }
        if (h.startsWith("/")) {
            return new DaemonAddress(Path.of(h));
        }
        if (h.startsWith("tcp://") || h.startsWith("https://") || h.startsWith("http://")) {
            throw new ClientException("host \"" + host + "\": TCP hosts are not supported yet (berth serves TCP only with TLS,"
                    + " which the berth client cannot speak yet); use a unix:// socket such as " + DEFAULT_HOST);
        }
        throw new ClientException("invalid host \"" + host + "\": expected unix:///path/to.sock");
    }

    @Override
    public String toString() {
        return "unix://" + socket;
    }
}
