package berth.logging.syslog;

import berth.sys.UnixDatagramSocket;

import berth.logging.transport.StreamConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Opens connections to one syslog address. The local syslog daemon is looked for as Go's syslog
 * package does: a datagram socket first, then a stream socket, at /dev/log, /var/run/syslog, /var/run/log.
 *
 * @param address        where to connect
 * @param tls            the TLS settings, for {@code tcp+tls} only (null otherwise)
 * @param connectTimeout how long a connect may take
 * @param writeTimeout   how long one message's write may take
 * @param localSockets   where to look for the local daemon ({@link #LOCAL_SOCKETS}; tests use their own)
 */
record SyslogConnector(SyslogAddress address, SyslogTls tls, Duration connectTimeout, Duration writeTimeout,
                       List<Path> localSockets) {
    static final List<Path> LOCAL_SOCKETS = List.of(Path.of("/dev/log"), Path.of("/var/run/syslog"), Path.of("/var/run/log"));

    SyslogConnector(SyslogAddress address, SyslogTls tls, Duration connectTimeout, Duration writeTimeout) {
        this(address, tls, connectTimeout, writeTimeout, LOCAL_SOCKETS);
    }

    SyslogConnection connect() throws IOException {
        return switch (address.protocol()) {
            case "" -> local();
            case "udp" -> new UdpConnection(inet());
            case "tcp" -> stream(StreamConnection.open(SocketChannel.open(), inet(), connectTimeout, writeTimeout,
                    "tcp " + address.address()));
            case "tcp+tls" -> new TlsConnection(tls.context(), inet(), tls.verifyHostname(), connectTimeout, writeTimeout);
            case "unix" -> unixStream(Path.of(address.address()));
            case "unixgram" -> unixDatagram(Path.of(address.address()));
            default -> throw new IOException("unsupported syslog protocol " + address.protocol());
        };
    }

    private InetSocketAddress inet() {
        return new InetSocketAddress(address.host(), address.port());
    }

    private SyslogConnection unixStream(Path path) throws IOException {
        return stream(StreamConnection.open(SocketChannel.open(StandardProtocolFamily.UNIX),
                UnixDomainSocketAddress.of(path), connectTimeout, writeTimeout, "unix " + path));
    }

    private static SyslogConnection stream(StreamConnection stream) {
        return new SyslogConnection() {
            @Override
            public void write(byte[] message) throws IOException {
                stream.write(message);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    private SyslogConnection unixDatagram(Path path) throws IOException {
        UnixDatagramSocket socket = UnixDatagramSocket.connect(path);
        return new SyslogConnection() {
            @Override
            public void write(byte[] message) throws IOException {
                socket.send(message, writeTimeout);
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }

    private SyslogConnection local() throws IOException {
        for (boolean datagram : new boolean[] {true, false}) {
            for (Path path : localSockets) {
                try {
                    return datagram ? unixDatagram(path) : unixStream(path);
                } catch (IOException e) {
                    // try the next kind and place, as Go's syslog does
                }
            }
        }
        throw new IOException("Unix syslog delivery error");
    }
}
