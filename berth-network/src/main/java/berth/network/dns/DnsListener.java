package berth.network.dns;

import berth.sys.NetNamespace;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One container's resolver: a UDP and a TCP socket at 127.0.0.11:53, created inside the container's
 * network namespace (where they stay), served by virtual threads of the daemon (which forward from the
 * host's). Each question gets its own virtual thread, so a slow upstream holds up no other question.
 */
final class DnsListener implements AutoCloseable {
    /** Docker's bound on a container's questions in flight; beyond it new ones are dropped (UDP clients ask again). */
    static final int MAX_IN_FLIGHT = 1024;
    /** How long a TCP client may stay silent between questions. */
    static final Duration TCP_IDLE = Duration.ofSeconds(8);
    private static final int MAX_MESSAGE = 65535;
    private static final System.Logger LOG = System.getLogger(DnsListener.class.getName());

    private final String containerId;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final QueryHandler handler;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private Thread udpLoop;
    private Thread tcpLoop;

    private DnsListener(String containerId, Sockets sockets, QueryHandler handler) {
        this.containerId = containerId;
        this.udp = sockets.udp();
        this.tcp = sockets.tcp();
        this.handler = handler;
    }

    /** Binds both sockets at {@code address} inside {@code netns} and starts serving. */
    static DnsListener start(String containerId, Path netns, InetSocketAddress address, QueryHandler handler)
            throws IOException {
        Sockets sockets = NetNamespace.call(netns, () -> Sockets.bind(address));
        DnsListener listener = new DnsListener(containerId, sockets, handler);
        String name = "berth-dns-" + containerId.substring(0, Math.min(12, containerId.length()));
        listener.udpLoop = Thread.ofVirtual().name(name + "-udp").start(listener::serveUdp);
        listener.tcpLoop = Thread.ofVirtual().name(name + "-tcp").start(listener::serveTcp);
        return listener;
    }

    private record Sockets(DatagramSocket udp, ServerSocket tcp) {
        /** Runs inside the namespace: creates and binds only, starts no thread (see NetNamespace). */
        static Sockets bind(InetSocketAddress address) throws IOException {
            DatagramSocket udp = new DatagramSocket(address);
            try {
                ServerSocket tcp = new ServerSocket();
                try {
                    tcp.setReuseAddress(true); // connections in TIME_WAIT must not keep a restarted resolver off the port
                    tcp.bind(address);
                    return new Sockets(udp, tcp);
                } catch (IOException | RuntimeException e) {
                    tcp.close();
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                udp.close();
                throw e;
            }
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[MAX_MESSAGE];
        while (!udp.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                continue; // closed (the loop ends) or a transient error
            }
            byte[] query = Arrays.copyOfRange(buffer, packet.getOffset(), packet.getOffset() + packet.getLength());
            SocketAddress client = packet.getSocketAddress();
            if (!inFlight.tryAcquire()) {
                continue;
            }
            Thread.ofVirtual().start(() -> {
                try {
                    Optional<byte[]> answer = answer(query, Transport.UDP);
                    if (answer.isPresent()) {
                        udp.send(new DatagramPacket(answer.get(), answer.get().length, client));
                    }
                } catch (IOException e) {
                    // the client's port is gone, or the listener closed meanwhile
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            Socket connection;
            try {
                connection = tcp.accept();
            } catch (IOException e) {
                continue; // closed (the loop ends) or a connection that died before it was accepted
            }
            if (!inFlight.tryAcquire()) {
                closeQuietly(connection);
                continue;
            }
            connections.add(connection);
            if (tcp.isClosed()) { // close() may have gone through the connections before this one was added
                closeQuietly(connection);
            }
            Thread.ofVirtual().start(() -> {
                try {
                    converse(connection);
                } finally {
                    connections.remove(connection);
                    closeQuietly(connection);
                    inFlight.release();
                }
            });
        }
    }

    /** Length-prefixed questions and answers until the client is done, silent too long, or sends garbage. */
    private void converse(Socket connection) {
        try {
            connection.setSoTimeout(Math.toIntExact(TCP_IDLE.toMillis()));
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                Optional<byte[]> answer = answer(query, Transport.TCP);
                if (answer.isEmpty()) {
                    return;
                }
                out.writeShort(answer.get().length);
                out.write(answer.get());
                out.flush();
            }
        } catch (IOException e) {
            // the client went away or stayed silent
        }
    }

    /** A bug in answering one question must not take the resolver down: that question gets no answer. */
    private Optional<byte[]> answer(byte[] query, Transport transport) {
        try {
            return handler.answer(query, transport);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "embedded DNS of container " + containerId
                    + " failed to answer a " + transport + " question", e);
            return Optional.empty();
        }
    }

    /**
     * Closes both sockets and every TCP connection, and waits for the two serving loops to end, so the
     * port is free again when this returns. Questions being forwarded finish on their own; their
     * answers are dropped.
     */
    @Override
    public void close() {
        udp.close();
        closeQuietly(tcp);
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
        boolean interrupted = false;
        for (Thread loop : new Thread[] {udpLoop, tcpLoop}) {
            while (loop != null && loop.isAlive()) {
                try {
                    loop.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed or broken: nothing left to release
        }
    }
}
