package berth.network.dns;

import berth.errors.BerthException;
import berth.network.ContainerDns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The daemon's embedded DNS: one {@link DnsListener} per container at {@value ContainerDns#ADDRESS}:53
 * inside its network namespace, all sharing one {@link Forwarder} to the host's resolvers.
 */
public final class EmbeddedDns implements ContainerDns, AutoCloseable {
    private static final int PORT = 53;

    private final InetSocketAddress address;
    private final Forwarder forwarder;
    private final Duration timeout;
    private final Map<String, DnsListener> listeners = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /** Forwards to the nameservers of the host's /etc/resolv.conf (read again when it changes). */
    public EmbeddedDns() {
        this(new HostResolvers(HostResolvers.RESOLV_CONF), Forwarder.DEFAULT_TIMEOUT);
    }

    /** Forwards to {@code upstreams}, in order, waiting {@code timeout} for each (tests, explicit --dns). */
    public EmbeddedDns(List<InetSocketAddress> upstreams, Duration timeout) {
        this(supplierOf(List.copyOf(upstreams)), timeout);
    }

    private EmbeddedDns(Supplier<List<InetSocketAddress>> upstreams, Duration timeout) {
        this.address = new InetSocketAddress(InetAddress.ofLiteral(ADDRESS), PORT);
        this.forwarder = new Forwarder(upstreams, timeout);
        this.timeout = timeout;
    }

    private static Supplier<List<InetSocketAddress>> supplierOf(List<InetSocketAddress> upstreams) {
        return () -> upstreams;
    }

    /**
     * Starts the container's resolver, replacing one already running for it. Throws INTERNAL when the
     * namespace cannot be entered or the address is taken there; nothing is left running then.
     */
    @Override
    public void serve(String containerId, Path netns, Names names) {
        serve(containerId, netns, names, List.of());
    }

    /** With {@code upstreams} (a container's --dns), names it does not know go there instead. */
    @Override
    public synchronized void serve(String containerId, Path netns, Names names, List<String> upstreams) {
        Objects.requireNonNull(names);
        Forwarder forwarder = upstreams.isEmpty() ? this.forwarder : new Forwarder(supplierOf(
                upstreams.stream().map(u -> new InetSocketAddress(InetAddress.ofLiteral(u), PORT)).toList()), timeout);
        if (closed) {
            throw new IllegalStateException("the embedded DNS is closed");
        }
        stop(containerId);
        try {
            listeners.put(containerId, DnsListener.start(containerId, netns, address,
                    new QueryHandler(containerId, names, forwarder)));
        } catch (IOException e) {
            throw BerthException.internal("cannot start the embedded DNS server at " + ADDRESS + ":" + PORT
                    + " for container " + containerId + " in " + netns + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop(String containerId) {
        DnsListener listener = listeners.remove(containerId);
        if (listener != null) {
            listener.close();
        }
    }

    /** Stops every container's resolver; the daemon is shutting down. */
    @Override
    public synchronized void close() {
        closed = true;
        for (String containerId : List.copyOf(listeners.keySet())) {
            stop(containerId);
        }
    }
}
