package berth.network.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.events.EventSink;
import berth.network.ContainerDns;
import berth.network.EndpointConfig;
import berth.network.IpamPool;
import berth.network.Network;
import berth.network.NetworkDriver;
import berth.network.NetworkFilter;
import berth.network.NetworkSpec;
import berth.network.PacketFilter;
import berth.network.PortBinding;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's bookkeeping (names, subnets, memberships, addresses, DNS names, what survives a
 * restart) with recording stand-ins for the plumbing; the plumbing itself is tested against the
 * kernel in berth-network and berth-it.
 */
class LocalNetworkServiceTest {
    @TempDir
    Path root;

    final List<String> plumbing = new ArrayList<>();
    LocalNetworkService service;

    final NetworkDriver driver = new NetworkDriver() {
        @Override
        public Set<String> names() {
            return Set.of("bridge", "macvlan");
        }

        @Override
        public void create(Network n) {
            plumbing.add("create " + n.name());
        }

        @Override
        public void remove(Network n) {
            plumbing.add("remove " + n.name());
        }

        @Override
        public String attach(Network n, Plug p) {
            plumbing.add("attach " + p.ifName() + " " + p.address() + " route=" + p.defaultRoute());
            return "02:42:00:00:00:01";
        }

        @Override
        public void detach(Network n, Plug p) {
            plumbing.add("detach " + p.ifName());
        }

        @Override
        public void reconcile(Collection<Network> known) {}
    };

    final PacketFilter filter = new PacketFilter() {
        @Override
        public void addNetwork(BridgeRules r) {}

        @Override
        public void removeNetwork(BridgeRules r) {}

        @Override
        public List<PortBinding> publish(String id, String ip, String bridge, List<PortBinding> ports) {
            plumbing.add("publish " + ip);
            return ports.stream().map(p -> new PortBinding(p.containerPort(), p.protocol(), "0.0.0.0", 40000)).toList();
        }

        @Override
        public void unpublish(String id) {
            plumbing.add("unpublish");
        }

        @Override
        public void reset(Collection<BridgeRules> n, Collection<Published> p) {
            plumbing.add("reset " + n.size() + " " + p.size());
        }
    };

    ContainerDns.Names served;
    final ContainerDns dns = new ContainerDns() {
        @Override
        public void serve(String id, Path netns, Names names) {
            served = names;
        }

        @Override
        public void stop(String id) {}
    };

    LocalNetworkService open() throws Exception {
        // no host routes: the subnets picked do not depend on what else runs on the machine
        return new LocalNetworkService(root, "berth0", List.of(driver), filter, dns, (id, ns) -> {}, EventSink.NONE,
                List::of);
    }

    @BeforeEach
    void setUp() throws Exception {
        service = open();
    }

    @Test
    void predefinedNetworksExistAndCannotBeRemoved() {
        assertThat(service.list(NetworkFilter.ALL)).extracting(Network::name).contains("bridge", "host", "none");
        assertThat(service.inspect("bridge").ipam().getFirst().subnet()).isEqualTo("10.209.0.0/16");
        assertThatThrownBy(() -> service.remove("bridge")).isInstanceOf(BerthException.class)
                .hasMessage("bridge is a pre-defined network and cannot be removed")
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
    }

    @Test
    void createChecksNamesSubnetsAndDuplicates() {
        Network n = service.create(new NetworkSpec("front", "bridge", false, false, List.of(), Map.of(), Map.of("a", "b")));
        assertThat(n.ipam().getFirst().subnet()).isEqualTo("10.210.0.0/24");
        assertThat(n.ipam().getFirst().gateway()).isEqualTo("10.210.0.1");
        assertThat(n.bridgeName()).hasSize(15).startsWith("berth-");
        assertThatThrownBy(() -> service.create(new NetworkSpec("front", "bridge", false, false, List.of(), Map.of(), Map.of())))
                .hasMessage("network with name front already exists");
        assertThatThrownBy(() -> service.create(new NetworkSpec("x", "bridge", false, false,
                List.of(new IpamPool("10.210.0.128/25", "", "")), Map.of(), Map.of())))
                .hasMessageContaining("overlaps");
        assertThatThrownBy(() -> service.create(new NetworkSpec("y", "bridge", false, false,
                List.of(new IpamPool("10.50.0.0/24", "10.51.0.1", "")), Map.of(), Map.of())))
                .hasMessageContaining("Invalid gateway");
        assertThatThrownBy(() -> service.create(new NetworkSpec("z", "nope", false, false, List.of(), Map.of(), Map.of())))
                .hasMessage("plugin \"nope\" not found");
        assertThatThrownBy(() -> service.create(new NetworkSpec("-bad", "bridge", false, false, List.of(), Map.of(), Map.of())))
                .hasMessageContaining("invalid network name");
        assertThat(service.list(new NetworkFilter(List.of(), List.of(), List.of(), List.of("a=b"), List.of(), java.util.Optional.empty())))
                .extracting(Network::name).containsExactly("front");
        assertThat(service.list(new NetworkFilter(List.of(), List.of(), List.of(), List.of(), List.of("custom"), java.util.Optional.empty())))
                .extracting(Network::name).containsExactly("front");
    }

    @Test
    void plugTakesAddressesInOrderAndUnplugGivesThemBack() {
        Network front = service.create(new NetworkSpec("front", "bridge", false, false, List.of(), Map.of(), Map.of()));
        service.join("c1", "web", "front", new EndpointConfig(List.of("www"), List.of(), ""));
        service.join("c2", "db", "front", EndpointConfig.DEFAULT);
        var e1 = service.plug("c1", "web", 1, List.of(new PortBinding(80, "tcp", "", 0)), List.of());
        var e2 = service.plug("c2", "db", 2, List.of(), List.of());
        assertThat(e1.getFirst().ipAddress()).isEqualTo("10.210.0.2");
        assertThat(e2.getFirst().ipAddress()).isEqualTo("10.210.0.3");
        assertThat(plumbing).contains("attach eth0 10.210.0.2/24 route=true", "publish 10.210.0.2");
        assertThat(service.ports("c1")).containsExactly(new PortBinding(80, "tcp", "0.0.0.0", 40000));
        assertThat(service.containers(front.id())).containsOnlyKeys("c1", "c2");
        assertThatThrownBy(() -> service.remove("front")).hasMessageContaining("has active endpoints");
        service.unplug("c1");
        assertThat(service.endpoints("c1").get("front").ipAddress()).isEmpty();
        assertThat(service.ports("c1")).isEmpty();
        assertThat(plumbing).contains("unpublish");
    }

    @Test
    void dnsAnswersNamesOnSharedNetworksOnlyAndRotates() {
        service.create(new NetworkSpec("front", "bridge", false, false, List.of(), Map.of(), Map.of()));
        service.create(new NetworkSpec("back", "bridge", false, false, List.of(), Map.of(), Map.of()));
        for (String c : List.of("a1", "a2", "a3")) {
            service.join(c, "app-" + c, "front", new EndpointConfig(List.of("app"), List.of(), ""));
            service.plug(c, "app-" + c, 1, List.of(), List.of());
        }
        service.join("lonely", "lonely", "back", EndpointConfig.DEFAULT);
        service.plug("lonely", "lonely", 1, List.of(), List.of());
        service.join("client", "client", "front", new EndpointConfig(List.of(), List.of("app-a1:alias1"), ""));
        service.plug("client", "client", 1, List.of(), List.of());
        List<String> first = ips(served.lookup("client", "app"));
        List<String> second = ips(served.lookup("client", "app"));
        assertThat(first).hasSize(3).containsExactlyInAnyOrderElementsOf(second);
        assertThat(second.getFirst()).isNotEqualTo(first.getFirst());
        assertThat(ips(served.lookup("client", "app-a2"))).containsExactly("10.210.0.3");
        assertThat(ips(served.lookup("client", "alias1"))).containsExactly("10.210.0.2");
        assertThat(served.lookup("client", "lonely")).isEmpty(); // another network's container
        assertThat(served.lookup("lonely", "app")).isEmpty();
    }

    @Test
    void aRestartKeepsRunningContainersAddressesAndDropsTheOthers() throws Exception {
        service.create(new NetworkSpec("front", "bridge", false, false, List.of(), Map.of(), Map.of()));
        service.join("up", "up", "front", EndpointConfig.DEFAULT);
        service.join("down", "down", "front", EndpointConfig.DEFAULT);
        service.plug("up", "up", 11, List.of(new PortBinding(80, "tcp", "", 8080)), List.of());
        service.plug("down", "down", 12, List.of(), List.of());
        LocalNetworkService again = open(); // the daemon died: only the files are left
        plumbing.clear();
        again.reconcile(Map.of("up", 11));
        assertThat(again.endpoints("up").get("front").ipAddress()).isEqualTo("10.210.0.2");
        assertThat(again.endpoints("down").get("front").ipAddress()).isEmpty();
        assertThat(plumbing).contains("reset 2 1"); // default bridge + front; the running container's ports
        again.join("next", "next", "front", EndpointConfig.DEFAULT);
        assertThat(again.plug("next", "next", 13, List.of(), List.of()).getFirst().ipAddress()).isNotEqualTo("10.210.0.2");
    }

    @Test
    void hostAndNoneAreExclusiveAndAliasesNeedAUserNetwork() {
        service.join("h", "h", "host", EndpointConfig.DEFAULT);
        assertThatThrownBy(() -> service.join("h", "h", "bridge", EndpointConfig.DEFAULT))
                .hasMessageContaining("host network");
        assertThatThrownBy(() -> service.join("b", "b", "bridge", new EndpointConfig(List.of("x"), List.of(), "")))
                .hasMessageContaining("user defined networks");
        service.join("b", "b", "bridge", EndpointConfig.DEFAULT);
        assertThatThrownBy(() -> service.join("b", "b", "bridge", EndpointConfig.DEFAULT))
                .hasMessageContaining("already exists in network bridge");
    }

    private static List<String> ips(List<InetAddress> a) {
        return a.stream().map(InetAddress::getHostAddress).toList();
    }
}
