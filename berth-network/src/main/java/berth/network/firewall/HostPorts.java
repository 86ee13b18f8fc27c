package berth.network.firewall;

import berth.errors.BerthException;
import berth.network.PortBinding;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The host ports berth has published, each held by a socket bound in the daemon for as long as it is
 * published: no other program can take it, and a second publish of it fails exactly like a bind
 * would. IPv4 sockets only, so a client trying ::1 first is refused at once instead of reaching a
 * socket nobody reads.
 */
final class HostPorts {
    /** Docker's ephemeral range for {@code -P} and {@code -p 80}. */
    static final int FIRST_EPHEMERAL = 49153;
    static final int LAST_EPHEMERAL = 65535;

    private int nextEphemeral = FIRST_EPHEMERAL;

    /** Bindings with their host ports filled in, and the sockets that hold them. */
    record Reservation(List<PortBinding> bindings, List<Closeable> sockets) {
        Reservation {
            bindings = List.copyOf(bindings);
            sockets = List.copyOf(sockets);
        }

        void release() {
            for (Closeable s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a close that fails leaves nothing to undo
                }
            }
        }
    }

    /**
     * Reserves every binding or none: CONFLICT "Bind for 0.0.0.0:8080 failed: port is already
     * allocated" when one is taken, INVALID_ARGUMENT for an address that is not the host's.
     */
    synchronized Reservation reserve(List<PortBinding> bindings) {
        List<PortBinding> done = new ArrayList<>();
        List<Closeable> sockets = new ArrayList<>();
        try {
            for (PortBinding b : bindings) {
                check(b);
                InetAddress addr = localAddress(b.hostIp());
                Held held = b.hostPort() != 0 ? fixed(b, addr) : ephemeral(b, addr);
                sockets.add(held.socket());
                done.add(new PortBinding(b.containerPort(), b.protocol(), b.hostIp(), held.port()));
            }
        } catch (RuntimeException e) {
            new Reservation(List.of(), sockets).release();
            throw e;
        }
        return new Reservation(done, sockets);
    }

    private static void check(PortBinding b) {
        if (b.protocol().equals("sctp")) {
            throw BerthException.notImplemented("publishing sctp ports is not supported: " + b.key());
        }
        if (!b.protocol().equals("tcp") && !b.protocol().equals("udp")) {
            throw BerthException.invalid("invalid protocol " + b.protocol() + " for port " + b.containerPort()
                    + ": tcp or udp");
        }
        if (b.containerPort() < 1 || b.containerPort() > 65535) {
            throw BerthException.invalid("invalid container port " + b.containerPort() + ": 1 to 65535");
        }
        if (b.hostPort() < 0 || b.hostPort() > 65535) {
            throw BerthException.invalid("invalid host port " + b.hostPort() + ": 0 to 65535 (0 for any free one)");
        }
    }

    private record Held(int port, Closeable socket) {}

    private static Held fixed(PortBinding b, InetAddress addr) {
        Closeable socket = bind(b, addr, b.hostPort());
        if (socket == null) {
            throw BerthException.conflict("Bind for " + shown(b.hostIp()) + ":" + b.hostPort()
                    + " failed: port is already allocated");
        }
        return new Held(b.hostPort(), socket);
    }

    /** The next free port of the range, going round it from where the last search stopped, as Docker does. */
    private Held ephemeral(PortBinding b, InetAddress addr) {
        for (int tried = 0; tried <= LAST_EPHEMERAL - FIRST_EPHEMERAL; tried++) {
            int port = nextEphemeral;
            nextEphemeral = port == LAST_EPHEMERAL ? FIRST_EPHEMERAL : port + 1;
            Closeable socket = bind(b, addr, port);
            if (socket != null) {
                return new Held(port, socket);
            }
        }
        throw BerthException.conflict("Bind for " + shown(b.hostIp()) + ":0 failed: all ports are allocated");
    }

    /** The bound socket, or null when the port is taken. */
    private static Closeable bind(PortBinding b, InetAddress addr, int port) {
        InetSocketAddress where = new InetSocketAddress(addr, port);
        try {
            if (b.protocol().equals("udp")) {
                DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
                return bound(ch, () -> ch.bind(where));
            }
            ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.INET);
            return bound(ch, () -> ch.bind(where, 1));
        } catch (IOException e) {
            throw BerthException.internal("cannot open a socket to reserve " + b.protocol() + " port " + port, e);
        }
    }

    private interface Binder {
        void bind() throws IOException;
    }

    private static Closeable bound(Closeable channel, Binder binder) throws IOException {
        try {
            binder.bind();
            return channel;
        } catch (IOException e) {
            channel.close();
            return null;
        }
    }

    /** "" and 0.0.0.0: the wildcard; else an address of this host (any 127/8 address counts). */
    private static InetAddress localAddress(String hostIp) {
        try {
            if (Ipv4.anyAddress(hostIp)) {
                return InetAddress.getByName("0.0.0.0");
            }
            InetAddress a = InetAddress.getByName(Ipv4.address(hostIp, "host IP"));
            if (!a.isLoopbackAddress() && NetworkInterface.getByInetAddress(a) == null) {
                throw BerthException.invalid("cannot publish on " + hostIp + ": not an address of this host");
            }
            return a;
        } catch (UnknownHostException | SocketException e) {
            throw BerthException.invalid("invalid host IP " + hostIp + ": " + e.getMessage(), e);
        }
    }

    private static String shown(String hostIp) {
        return hostIp.isEmpty() ? "0.0.0.0" : hostIp;
    }
}
