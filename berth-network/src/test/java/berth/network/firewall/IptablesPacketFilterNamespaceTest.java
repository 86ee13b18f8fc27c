package berth.network.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.PacketFilter.BridgeRules;
import berth.network.PacketFilter.Published;
import berth.network.PortBinding;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter against the real kernel, in a world of its own: a "host" namespace with three bridges
 * (public, second, internal), "container" namespaces plugged into them by veth pairs, and an "outside"
 * namespace behind the host that has no route back to the containers (so only masquerade lets an
 * answer reach them). Every container and the outside run busybox httpd answering their own name.
 * The filter runs iptables in the host namespace; its port reservations live in this JVM's namespace.
 * The host namespace's FORWARD policy is DROP, as dockerd leaves it.
 */
class IptablesPacketFilterNamespaceTest {
    private static final String PUB = "brpub";
    private static final String TWO = "brtwo";
    private static final String INT = "brint";
    private static final BridgeRules PUB_NET = new BridgeRules("net-pub", PUB, "10.77.1.0/24", false);
    private static final BridgeRules TWO_NET = new BridgeRules("net-two", TWO, "10.77.3.0/24", false);
    private static final BridgeRules INT_NET = new BridgeRules("net-int", INT, "10.77.2.0/24", true);
    private static final String C1_IP = "10.77.1.2";
    private static final String OUTSIDE_IP = "10.77.9.2";
    private static final String HOST_OUTSIDE_IP = "10.77.9.1";

    private final String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private final String host = "bfw-h-" + tag;
    private final String c1 = "bfw-a-" + tag; // on PUB, serves "c1"
    private final String c2 = "bfw-b-" + tag; // on PUB
    private final String c3 = "bfw-i-" + tag; // on INT (internal), serves "c3"
    private final String c4 = "bfw-t-" + tag; // on TWO, serves "c4"
    private final String outside = "bfw-o-" + tag; // serves "outside"
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final List<IptablesPacketFilter> filters = new ArrayList<>();
    private IptablesPacketFilter filter;

    @TempDir
    Path www;

    @BeforeEach
    void buildTheWorld() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/iptables-restore")), "needs iptables");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")), "needs busybox (the servers)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "needs curl (the client: busybox-static's wget crashes)");
        for (String ns : List.of(host, c1, c2, c3, c4, outside)) {
            ok("ip", "netns", "add", ns);
            namespaces.add(ns);
            ok("ip", "-n", ns, "link", "set", "lo", "up");
        }
        bridge(PUB, "10.77.1.1/24");
        bridge(TWO, "10.77.3.1/24");
        bridge(INT, "10.77.2.1/24");
        plug(c1, PUB, "va", C1_IP + "/24", "10.77.1.1");
        plug(c2, PUB, "vb", "10.77.1.3/24", "10.77.1.1");
        plug(c3, INT, "vi", "10.77.2.2/24", "10.77.2.1");
        plug(c4, TWO, "vt", "10.77.3.2/24", "10.77.3.1");
        ok("ip", "-n", host, "link", "add", "vo", "type", "veth", "peer", "name", "eth0", "netns", outside);
        ok("ip", "-n", host, "addr", "add", HOST_OUTSIDE_IP + "/24", "dev", "vo");
        ok("ip", "-n", host, "link", "set", "vo", "up");
        ok("ip", "-n", outside, "addr", "add", OUTSIDE_IP + "/24", "dev", "eth0");
        ok("ip", "-n", outside, "link", "set", "eth0", "up");
        // someone else's firewall: must keep working and stay untouched
        ipt("-P", "FORWARD", "DROP");
        ipt("-I", "FORWARD", "1", "-i", "foreign0", "-j", "ACCEPT");
        ipt("-t", "nat", "-A", "POSTROUTING", "-o", "foreign0", "-j", "MASQUERADE");
        serve(c1, "c1");
        serve(c3, "c3");
        serve(c4, "c4");
        serve(outside, "outside");
        filter = newFilter();
    }

    @AfterEach
    void tearDown() throws Exception {
        filters.forEach(IptablesPacketFilter::close);
        for (Process p : servers) {
            p.destroy();
            p.waitFor();
        }
        List<String> left = new ArrayList<>();
        for (String ns : namespaces) {
            Result r = run("ip", "netns", "del", ns);
            if (r.exit() != 0) {
                left.add(ns + ": " + r.output().strip());
            }
        }
        assertThat(left).as("namespaces not deleted").isEmpty();
    }

    @Test
    void publishedPort_isReachableFromHostLoopbackHostAddressesContainersAndOutside() throws Exception {
        filter.addNetwork(PUB_NET);
        filter.addNetwork(TWO_NET);

        List<PortBinding> published = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "", 0)));

        int port = published.getFirst().hostPort();
        assertThat(port).isBetween(HostPorts.FIRST_EPHEMERAL, HostPorts.LAST_EPHEMERAL);
        assertThat(published).containsExactly(new PortBinding(80, "tcp", "", port));
        assertThat(fetch(host, "127.0.0.1", port)).contains("c1");
        assertThat(fetch(host, "10.77.1.1", port)).contains("c1");
        assertThat(fetch(host, HOST_OUTSIDE_IP, port)).contains("c1");
        assertThat(fetch(c2, "10.77.1.1", port)).as("a neighbour, hairpin").contains("c1");
        assertThat(fetch(c1, "10.77.1.1", port)).as("the container itself").contains("c1");
        assertThat(fetch(c4, "10.77.3.1", port)).as("a container on another network").contains("c1");
        assertThat(fetch(outside, HOST_OUTSIDE_IP, port)).as("another machine").contains("c1");
    }

    @Test
    void publishedPort_isReachableFromTheBridge_whenBridgedTrafficSkipsIptables() throws Exception {
        // without br_netfilter the answer to a neighbour goes straight over the bridge unless masqueraded
        ok("ip", "netns", "exec", host, "sysctl", "-qw", "net.bridge.bridge-nf-call-iptables=0");
        filter.addNetwork(PUB_NET);

        int port = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "", 0))).getFirst().hostPort();

        assertThat(fetch(c2, "10.77.1.1", port)).as("a neighbour, hairpin").contains("c1");
        assertThat(fetch(c1, "10.77.1.1", port)).as("the container itself").contains("c1");
        assertThat(fetch(host, "127.0.0.1", port)).contains("c1");
    }

    @Test
    void udpPort_isForwardedAndReserved() throws Exception {
        filter.addNetwork(PUB_NET);
        int port = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(5353, "udp", "", 0))).getFirst().hostPort();
        assertThat(canBindUdp(port)).isFalse();
        // counts what arrives in c1 (nothing listens there; the datagram's arrival is the point)
        ok("ip", "netns", "exec", c1, "iptables", "-w", "-A", "INPUT", "-p", "udp", "--dport", "5353");

        // busybox tftp: a UDP client at hand; it sends its request to the published port and retries
        Process client = new ProcessBuilder("ip", "netns", "exec", host, "busybox", "tftp", "-g", "-r", "x", "-l",
                "/dev/null", "127.0.0.1", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int attempt = 0; counted(c1, "dpt:5353") == 0; attempt++) {
                assertThat(attempt).as("a datagram reaches c1:5353").isLessThan(200);
                Thread.sleep(10); // polling the counter: the kernel gives no other sign
            }
        } finally {
            client.destroy();
            client.waitFor();
        }

        filter.unpublish("c1");
        assertThat(canBindUdp(port)).isTrue();
    }

    @Test
    void portPublishedOnOneAddress_isOnlyThere() throws Exception {
        filter.addNetwork(PUB_NET);

        int port = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "127.0.0.1", 0)))
                .getFirst().hostPort();

        assertThat(fetch(host, "127.0.0.1", port)).contains("c1");
        assertThat(fetch(host, HOST_OUTSIDE_IP, port)).isEmpty();
    }

    @Test
    void aTakenPort_isRefusedWithConflictAndNothingIsPublished() throws Exception {
        filter.addNetwork(PUB_NET);
        int port = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "", 0))).getFirst().hostPort();
        String before = save();

        assertThatThrownBy(() -> filter.publish("c2", "10.77.1.3", PUB,
                List.of(new PortBinding(81, "tcp", "", 0), new PortBinding(80, "tcp", "", port))))
                .isInstanceOf(BerthException.class)
                .hasMessage("Bind for 0.0.0.0:" + port + " failed: port is already allocated")
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.CONFLICT));

        assertThat(save()).isEqualTo(before).doesNotContain("10.77.1.3");
        assertThat(fetch(host, "127.0.0.1", port)).contains("c1");
    }

    @Test
    void unpublish_makesThePortUnreachableAndFreesIt() throws Exception {
        filter.addNetwork(PUB_NET);
        int port = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "", 0))).getFirst().hostPort();
        assertThat(fetch(host, "127.0.0.1", port)).contains("c1");
        assertThat(canBind(port)).isFalse();

        filter.unpublish("c1");
        filter.unpublish("c1");

        assertThat(fetch(host, "127.0.0.1", port)).isEmpty();
        assertThat(canBind(port)).isTrue();
        assertThat(ipt("-t", "nat", "-S", FirewallRules.DNAT)).isEqualTo("-N BERTH-DNAT\n");
    }

    @Test
    void internalNetwork_reachesNothingOutsideItsBridge_otherNetworksGoOutButNotIntoEachOther() throws Exception {
        filter.addNetwork(PUB_NET);
        filter.addNetwork(TWO_NET);
        filter.addNetwork(INT_NET);

        assertThat(fetch(c1, OUTSIDE_IP, 80)).as("masqueraded out").contains("outside");
        assertThat(fetch(c4, OUTSIDE_IP, 80)).contains("outside");
        assertThat(fetch(c3, OUTSIDE_IP, 80)).as("internal network").isEmpty();
        assertThat(fetch(c1, "10.77.2.2", 80)).as("into the internal network").isEmpty();
        assertThat(fetch(c1, "10.77.3.2", 80)).as("into another network").isEmpty();
        assertThat(fetch(c4, C1_IP, 80)).as("into another network").isEmpty();
        assertThat(fetch(host, "10.77.3.2", 80)).as("the host itself reaches every container").contains("c4");
        assertThat(fetch(host, "10.77.2.2", 80)).contains("c3");
    }

    @Test
    void aContainer_cannotReachTheHostsLoopbackThroughTheBridge() throws Exception {
        filter.addNetwork(PUB_NET);
        filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "127.0.0.1", 0)));
        // counts what would arrive; appended after berth's hook at the top of INPUT
        ipt("-A", "INPUT", "-i", PUB, "-d", "127.0.0.1/32", "-p", "tcp", "--dport", "8088");
        // c1 sends to 127.0.0.1 through the bridge instead of its own lo
        ok("ip", "-n", c1, "route", "del", "local", "127.0.0.0/8", "dev", "lo", "table", "local");
        ok("ip", "-n", c1, "route", "del", "local", "127.0.0.1", "dev", "lo", "table", "local");
        ok("ip", "netns", "exec", c1, "sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1");
        ok("ip", "-n", c1, "route", "add", "127.0.0.1/32", "via", "10.77.1.1", "dev", "eth0");

        assertThat(fetch(c1, "127.0.0.1", 8088)).isEmpty();

        assertThat(counted(host, "dpt:8088")).as("packets that reached INPUT").isZero();
    }

    @Test
    void rules_stayInBerthsChains_hookedFirst_andLeaveOthersAlone() throws Exception {
        filter.addNetwork(PUB_NET);
        filter.addNetwork(INT_NET);
        filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "", 0)));

        assertThat(ipt("-S", "FORWARD").lines().toList()).containsExactly("-P FORWARD DROP",
                "-A FORWARD -j BERTH-FORWARD", "-A FORWARD -i foreign0 -j ACCEPT");
        assertThat(ipt("-t", "nat", "-S", "POSTROUTING")).contains("-A POSTROUTING -o foreign0 -j MASQUERADE");

        filter.unpublish("c1");
        filter.removeNetwork(PUB_NET);
        filter.removeNetwork(INT_NET);
        filter.removeNetwork(INT_NET);

        assertThat(ipt("-S", FirewallRules.FORWARD)).isEqualTo("-N BERTH-FORWARD\n");
        assertThat(ipt("-S", FirewallRules.INPUT)).isEqualTo("-N BERTH-INPUT\n");
        assertThat(ipt("-S", FirewallRules.ISOLATION)).isEqualTo("-N BERTH-ISOLATION\n");
        assertThat(ipt("-t", "nat", "-S", FirewallRules.POSTROUTING)).isEqualTo("-N BERTH-POSTROUTING\n");
        assertThat(ipt("-S", "FORWARD")).contains("-A FORWARD -i foreign0 -j ACCEPT");
        assertThat(ipt("-t", "nat", "-S", "POSTROUTING")).contains("-A POSTROUTING -o foreign0 -j MASQUERADE");
    }

    @Test
    void reset_afterACrash_rebuildsTheRulesAndTakesThePortsAgain() throws Exception {
        filter.addNetwork(PUB_NET);
        filter.addNetwork(INT_NET);
        List<PortBinding> published = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "", 0)));
        int port = published.getFirst().hostPort();
        // the daemon dies: its sockets go, its rules stay; then the rules are damaged
        filter.close();
        ipt("-t", "nat", "-F", FirewallRules.DNAT);
        ipt("-A", FirewallRules.FORWARD, "-i", "stale0", "-j", "ACCEPT");
        ipt("-I", "FORWARD", "1", "-i", "foreign1", "-j", "ACCEPT");
        assertThat(fetch(host, "127.0.0.1", port)).isEmpty();

        IptablesPacketFilter restarted = newFilter();
        List<BridgeRules> networks = List.of(PUB_NET, INT_NET);
        List<Published> forwards = List.of(new Published("c1", C1_IP, PUB, published));
        restarted.reset(networks, forwards);
        String once = save();
        restarted.reset(networks, forwards);

        assertThat(fetch(host, "127.0.0.1", port)).contains("c1");
        assertThat(fetch(c2, "10.77.1.1", port)).contains("c1");
        assertThat(fetch(c3, OUTSIDE_IP, 80)).isEmpty();
        assertThat(canBind(port)).isFalse();
        assertThat(save()).isEqualTo(once).doesNotContain("stale0");
        assertThat(ipt("-S", "FORWARD").lines().toList()).containsExactly("-P FORWARD DROP",
                "-A FORWARD -j BERTH-FORWARD", "-A FORWARD -i foreign1 -j ACCEPT", "-A FORWARD -i foreign0 -j ACCEPT");

        restarted.unpublish("c1");
        assertThat(fetch(host, "127.0.0.1", port)).isEmpty();
        assertThat(canBind(port)).isTrue();
    }

    @Test
    void rulesFlushedBehindBerthsBack_areRebuiltByTheNextChange() throws Exception {
        filter.addNetwork(PUB_NET);
        int port = filter.publish("c1", C1_IP, PUB, List.of(new PortBinding(80, "tcp", "", 0))).getFirst().hostPort();
        // what a firewall reload does
        ipt("-F");
        ipt("-X");
        ipt("-t", "nat", "-F");
        ipt("-t", "nat", "-X");
        assertThat(fetch(host, "127.0.0.1", port)).isEmpty();

        filter.addNetwork(TWO_NET);

        assertThat(fetch(host, "127.0.0.1", port)).contains("c1");
        assertThat(fetch(c4, OUTSIDE_IP, 80)).contains("outside");
        filter.unpublish("c1");
        assertThat(fetch(host, "127.0.0.1", port)).isEmpty();
    }

    // ---- the world ----

    private IptablesPacketFilter newFilter() {
        List<String> inHost = List.of("ip", "netns", "exec", host);
        IptablesPacketFilter f = new IptablesPacketFilter(Iptables.via(inHost), Sysctl.via(inHost));
        filters.add(f);
        return f;
    }

    private void bridge(String name, String address) throws Exception {
        ok("ip", "-n", host, "link", "add", name, "type", "bridge");
        ok("ip", "-n", host, "addr", "add", address, "dev", name);
        ok("ip", "-n", host, "link", "set", name, "up");
    }

    private void plug(String ns, String bridge, String hostEnd, String address, String gateway) throws Exception {
        ok("ip", "-n", host, "link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", ns);
        // hairpin: with br_netfilter a DNAT-ed packet for the sender itself is bridged back out of
        // its own port (the CNI bridge plugin's hairpinMode)
        ok("ip", "-n", host, "link", "set", hostEnd, "master", bridge, "up");
        ok("ip", "-n", host, "link", "set", hostEnd, "type", "bridge_slave", "hairpin", "on");
        ok("ip", "-n", ns, "addr", "add", address, "dev", "eth0");
        ok("ip", "-n", ns, "link", "set", "eth0", "up");
        ok("ip", "-n", ns, "route", "add", "default", "via", gateway);
    }

    /** busybox httpd in {@code ns} answering {@code name}; returns once it answers. */
    private void serve(String ns, String name) throws Exception {
        Path dir = Files.createDirectories(www.resolve(name));
        Files.writeString(dir.resolve("index.html"), name + "\n");
        servers.add(new ProcessBuilder("ip", "netns", "exec", ns, "busybox", "httpd", "-f", "-p", "80",
                "-h", dir.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        for (int attempt = 0; fetch(ns, "127.0.0.1", 80).isEmpty(); attempt++) {
            assertThat(attempt).as("httpd in " + ns + " answers").isLessThan(200);
            Thread.sleep(10); // polling the condition: httpd gives no other sign that it listens
        }
    }

    /** The body a GET from inside {@code ns} gets, or empty when the connection fails or times out. */
    private Optional<String> fetch(String ns, String address, int port) throws Exception {
        Result r = run("ip", "netns", "exec", ns, "curl", "-s", "-m", "2", "http://" + address + ":" + port + "/");
        return r.exit() == 0 ? Optional.of(r.output().strip()) : Optional.empty();
    }

    private String ipt(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host, "iptables", "-w"));
        argv.addAll(List.of(args));
        return ok(argv.toArray(String[]::new));
    }

    /** berth's part of the host namespace's rules, without counters and comments. */
    private String save() throws Exception {
        return ok("ip", "netns", "exec", host, "iptables-save").lines()
                .filter(l -> !l.startsWith("#") && !l.startsWith(":"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** The packets the INPUT rule of {@code ns} whose listing contains {@code match} has counted. */
    private static long counted(String ns, String match) throws Exception {
        return ok("ip", "netns", "exec", ns, "iptables", "-w", "-v", "-x", "-n", "-L", "INPUT").lines()
                .filter(l -> l.contains(match)).mapToLong(l -> Long.parseLong(l.strip().split("\\s+")[0]))
                .sum();
    }

    private static boolean canBindUdp(int port) {
        try (var ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canBind(int port) {
        try (var ch = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            ch.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static String ok(String... argv) throws Exception {
        Result r = run(argv);
        assertThat(r.exit()).as(String.join(" ", argv) + ": " + r.output()).isZero();
        return r.output();
    }
}
