package berth.network;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The seam to the embedded DNS server: Docker's resolver at 127.0.0.11 inside each container on a
 * user-defined network. It answers the names {@link Names} knows for that container and forwards
 * every other question to the host's resolvers (from the host's network namespace).
 */
public interface ContainerDns {
    /** The address containers' resolv.conf names. */
    String ADDRESS = "127.0.0.11";

    /**
     * Starts answering at 127.0.0.11:53 (UDP and TCP) inside {@code netns} for container
     * {@code containerId}. Idempotent: a second call for the same container replaces the first.
     */
    void serve(String containerId, Path netns, Names names);

    /**
     * As {@link #serve(String, Path, Names)}, forwarding the names it does not know to {@code upstreams}
     * ("1.1.1.1", a container's {@code --dns}) instead of the host's resolvers; empty: the host's.
     */
    default void serve(String containerId, Path netns, Names names, List<String> upstreams) {
        if (!upstreams.isEmpty()) {
            throw berth.errors.BerthException.notImplemented("this DNS server cannot forward to chosen servers");
        }
        serve(containerId, netns, names);
    }

    /** Stops answering for the container (its namespace may be gone already). Idempotent. */
    void stop(String containerId);

    /** What the daemon knows: the addresses a name has for one container. */
    @FunctionalInterface
    interface Names {
        /**
         * The IPv4 addresses {@code name} (without a trailing dot, lower case) has on the networks of
         * container {@code containerId}, in the order to answer (rotated per question for round-robin);
         * empty when it is not a container name or alias there (then the question is forwarded).
         */
        List<InetAddress> lookup(String containerId, String name);
    }
}
