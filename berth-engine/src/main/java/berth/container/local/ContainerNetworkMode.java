package berth.container.local;

import berth.container.Container;
import berth.container.ContainerConfig;
import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code --network container:x} (compose's {@code network_mode: service:x}): the container has no
 * networking of its own; it lives in another, running container's network namespace and sees that
 * container's hostname, /etc/hosts and /etc/resolv.conf, as with Docker. Create names the target by
 * its full ID when it exists (Docker stores {@code container:<id>} and takes over its hostname) and
 * checks Docker's conflicts; start looks it up again, when it must run (moby getNetworkedContainer).
 */
final class ContainerNetworkMode {
    private static final String PREFIX = "container:";

    private ContainerNetworkMode() {}

    static boolean joinsContainer(String networkMode) {
        return networkMode.startsWith(PREFIX);
    }

    /**
     * The existing container a create names ({@code container:web}), to store by ID; empty for other
     * modes and for a name that does not exist yet (Docker keeps it as given; start then fails).
     */
    static Optional<Container> target(String networkMode, Function<String, Container> lookup) {
        if (!joinsContainer(networkMode) || networkMode.length() == PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(lookup.apply(networkMode.substring(PREFIX.length())));
        } catch (BerthException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The config with the target's hostname, as Docker shows it for a container in another's network. */
    static ContainerConfig withHostnameOf(Optional<Container> target, ContainerConfig c) {
        if (target.isEmpty()) {
            return c;
        }
        return new ContainerConfig(target.get().config().hostname(), c.domainname(), c.user(), c.attachStdin(),
                c.attachStdout(), c.attachStderr(), c.openStdin(), c.stdinOnce(), c.tty(), c.env(), c.cmd(),
                c.entrypoint(), c.image(), c.workingDir(), c.labels(), c.exposedPorts(), c.stopSignal(),
                c.stopTimeout(), c.healthcheck());
    }

    /**
     * Docker's create-time conflicts (runconfig validateNetContainerMode), with its messages.
     *
     * @param exposedPorts the ports the request itself exposes (not the image's)
     */
    static void validate(String networkMode, HostConfig h, Optional<String> hostname, List<String> exposedPorts) {
        if (!joinsContainer(networkMode)) {
            return;
        }
        if (networkMode.length() == PREFIX.length()) {
            throw BerthException.invalid("invalid container format container:<name|id>");
        }
        if (hostname.filter(n -> !n.isEmpty()).isPresent()) {
            throw BerthException.invalid("conflicting options: hostname and the network mode");
        }
        if (!h.links().isEmpty()) {
            throw BerthException.invalid("conflicting options: container type network can't be used with links. "
                    + "This would result in undefined behavior");
        }
        if (!h.dns().isEmpty()) {
            throw BerthException.invalid("conflicting options: dns and the network mode");
        }
        if (!h.extraHosts().isEmpty()) {
            throw BerthException.invalid("conflicting options: custom host-to-IP mapping and the network mode");
        }
        if (!h.portBindings().isEmpty() || h.publishAllPorts()) {
            throw BerthException.invalid("conflicting options: port publishing and the container type network mode");
        }
        if (!exposedPorts.isEmpty()) {
            throw BerthException.invalid("conflicting options: port exposing and the container type network mode");
        }
    }

    /** A container in another's network namespace joins no network of its own (Docker's ErrConflictSharedNetwork). */
    static void checkConnect(String networkMode) {
        if (joinsContainer(networkMode)) {
            throw BerthException.invalid("container sharing network namespace with another container or host "
                    + "cannot be connected to any other network");
        }
    }

    /**
     * The running container whose network namespace this one joins; empty for any other mode.
     *
     * @param lookup a container by name or id; throws NOT_FOUND ("No such container: x")
     * @throws BerthException CONFLICT when the target does not run, or is the container itself
     */
    static Optional<Container> donor(String selfId, String networkMode, Function<String, Container> lookup) {
        if (!joinsContainer(networkMode)) {
            return Optional.empty();
        }
        String ref = networkMode.substring(PREFIX.length());
        Container target = lookup.apply(ref);
        if (target.id().equals(selfId)) {
            throw BerthException.invalid("cannot join own network");
        }
        if (!target.state().running() || target.state().pid() <= 0) {
            throw BerthException.conflict("cannot join network of a non running container: " + ref);
        }
        return Optional.of(target);
    }
}
