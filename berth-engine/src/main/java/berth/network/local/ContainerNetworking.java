package berth.network.local;

import berth.network.EndpointConfig;
import berth.network.PortBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One container's networking ({@code networks/endpoints/<container-id>.json}): the networks it is
 * on, in the order joined, and while it runs the address it has on each and the ports published.
 * Written before the container's process starts; an address here is taken, one not here is free.
 */
record ContainerNetworking(String containerId, String containerName, List<Membership> memberships,
        List<PortBinding> published, List<String> dnsServers) {

    ContainerNetworking {
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
        published = published == null ? List.of() : List.copyOf(published);
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }

    ContainerNetworking(String containerId, String containerName, List<Membership> memberships,
            List<PortBinding> published) {
        this(containerId, containerName, memberships, published, List.of());
    }

    /**
     * One network membership.
     *
     * @param ip "" while not plugged in
     */
    record Membership(String networkId, EndpointConfig config, String endpointId, String ifName, String ip,
            int prefixLen, String gateway, String mac) {
        Membership {
            ip = ip == null ? "" : ip;
            gateway = gateway == null ? "" : gateway;
            mac = mac == null ? "" : mac;
            ifName = ifName == null ? "" : ifName;
            config = config == null ? EndpointConfig.DEFAULT : config;
        }

        boolean plugged() {
            return !ip.isEmpty();
        }

        Membership unplugged() {
            return new Membership(networkId, config, endpointId, "", "", 0, "", "");
        }
    }

    boolean plugged() {
        return memberships.stream().anyMatch(Membership::plugged);
    }

    ContainerNetworking withMemberships(List<Membership> m) {
        return new ContainerNetworking(containerId, containerName, m, published, dnsServers);
    }

    ContainerNetworking withPublished(List<PortBinding> p) {
        return new ContainerNetworking(containerId, containerName, memberships, p, dnsServers);
    }

    ContainerNetworking withName(String name) {
        return new ContainerNetworking(containerId, name, memberships, published, dnsServers);
    }

    /** The container's --dns: where the embedded DNS forwards what it does not know. */
    ContainerNetworking withDnsServers(List<String> servers) {
        return new ContainerNetworking(containerId, containerName, memberships, published, servers);
    }

    ContainerNetworking mapMemberships(UnaryOperator<Membership> f) {
        List<Membership> out = new ArrayList<>();
        memberships.forEach(m -> out.add(f.apply(m)));
        return withMemberships(out);
    }

    ContainerNetworking unplugged() {
        return mapMemberships(Membership::unplugged).withPublished(List.of());
    }
}
