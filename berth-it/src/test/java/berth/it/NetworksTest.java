package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Networking through the real docker CLI: user-defined networks with names and aliases in the
 * embedded DNS (and round-robin), the default bridge (addresses, no names), published ports reached
 * from the host's loopback and from other containers, internal networks, connect and disconnect of a
 * running container. Only this daemon's containers and the host's loopback are ever addressed.
 */
@ExtendWith(SharedDaemon.class)
class NetworksTest {
    private static final Pattern ADDRESS = Pattern.compile("Address(?: \\d+)?:\\s+(\\d+\\.\\d+\\.\\d+\\.\\d+)");
    private Docker docker;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.docker = new Docker(daemon);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : docker.run("ps", "-aq", "--filter", "label=it-net").out().lines().toList()) {
            docker.run("rm", "-f", id);
        }
        for (String n : docker.run("network", "ls", "-q", "--filter", "name=it-net-").out().lines().toList()) {
            docker.run("network", "rm", n);
        }
    }

    private String ok(String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    /** A detached busybox httpd serving /etc (so /hostname answers with the container's name). */
    private String httpd(String name, String... runFlags) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--label", "it-net", "--name", name,
                "--hostname", name));
        args.addAll(List.of(runFlags));
        args.addAll(List.of("busybox", "httpd", "-f", "-p", "80", "-h", "/etc"));
        return ok(args.toArray(String[]::new));
    }

    /**
     * GET /hostname of a busybox httpd from a throw-away container on {@code network}, with nc (the
     * static busybox's wget crashes in getaddrinfo): stdout is the body, the exit code nc's.
     */
    private Docker.Result hostnameVia(String network, String host, int port) throws Exception {
        Docker.Result r = inContainer(network, "sh", "-c", "printf 'GET /hostname HTTP/1.0\\r\\n\\r\\n' | nc -w 5 "
                + host + " " + port);
        String out = r.stdout();
        int body = out.indexOf("\r\n\r\n");
        boolean ok = r.exitCode() == 0 && out.startsWith("HTTP/1.") && body >= 0;
        return new Docker.Result(ok ? 0 : Math.max(1, r.exitCode()), ok ? out.substring(body + 4) : out, r.stderr());
    }

    private Docker.Result inContainer(String network, String... cmd) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--rm", "--label", "it-net", "--network", network, "busybox"));
        args.addAll(List.of(cmd));
        return docker.run(args.toArray(String[]::new));
    }

    @Test
    void userNetwork_containersFindEachOtherByName_andOnlyThere() throws Exception {
        ok("network", "create", "it-net-a");
        ok("network", "create", "it-net-b");
        httpd("it-web", "--network", "it-net-a");
        Docker.Result same = hostnameVia("it-net-a", "it-web", 80);
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.out()).isEqualTo("it-web");
        Docker.Result other = hostnameVia("it-net-b", "it-web", 80);
        assertThat(other.exitCode()).as("a name on another network does not resolve: " + other).isNotZero();
        assertThat(other.stderr()).contains("bad address");
        String resolv = inContainer("it-net-a", "cat", "/etc/resolv.conf").out();
        assertThat(resolv).contains("nameserver 127.0.0.11").contains("ndots:0");
    }

    @Test
    void severalContainersBehindOneAlias_answerInRotatingOrder() throws Exception {
        ok("network", "create", "it-net-rr");
        Set<String> ips = new LinkedHashSet<>();
        for (int i = 1; i <= 3; i++) {
            ok("run", "-d", "--label", "it-net", "--name", "it-rr" + i, "--network", "it-net-rr",
                    "--network-alias", "svc", "busybox", "sleep", "300");
            ips.add(ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"it-net-rr\").IPAddress}}", "it-rr" + i));
        }
        assertThat(ips).hasSize(3);
        Docker.Result r = inContainer("it-net-rr", "sh", "-c",
                "for i in 1 2 3; do nslookup svc 127.0.0.11; echo ---; done");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<String> firsts = new ArrayList<>();
        for (String answer : r.out().split("---")) {
            List<String> got = new ArrayList<>();
            Matcher m = ADDRESS.matcher(answer.substring(Math.max(0, answer.indexOf("Name:"))));
            while (m.find()) {
                got.add(m.group(1));
            }
            if (!got.isEmpty()) {
                assertThat(got).as(answer).containsExactlyInAnyOrderElementsOf(ips);
                firsts.add(got.getFirst());
            }
        }
        assertThat(firsts).hasSize(3);
        assertThat(new LinkedHashSet<>(firsts)).as("the first answer rotates: " + firsts).hasSizeGreaterThan(1);
    }

    @Test
    void defaultBridge_reachesByAddressNotByName() throws Exception {
        httpd("it-plain");
        String ip = ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "it-plain");
        assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(ok("inspect", "-f", "{{.NetworkSettings.Networks.bridge.IPAddress}}", "it-plain")).isEqualTo(ip);
        Docker.Result byIp = hostnameVia("bridge", ip, 80);
        assertThat(byIp.exitCode()).as(byIp.toString()).isZero();
        assertThat(byIp.out()).isEqualTo("it-plain");
        Docker.Result byName = hostnameVia("bridge", "it-plain", 80);
        assertThat(byName.exitCode()).as(byName.toString()).isNotZero();
    }

    @Test
    void legacyLinks_onTheDefaultBridge_areHostsEntries() throws Exception {
        httpd("it-linked");
        String ip = ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "it-linked");
        Docker.Result hosts = docker.run("run", "--rm", "--label", "it-net", "--link", "it-linked:db", "busybox",
                "cat", "/etc/hosts");
        assertThat(hosts.out()).as(hosts.toString()).containsPattern(java.util.regex.Pattern.quote(ip) + "\\tdb\\b");
        Docker.Result viaLink = docker.run("run", "--rm", "--label", "it-net", "--link", "it-linked:db", "busybox",
                "sh", "-c", "printf 'GET /hostname HTTP/1.0\\r\\n\\r\\n' | nc -w 5 db 80");
        assertThat(viaLink.out()).as(viaLink.toString()).endsWith("it-linked");
        Docker.Result unknown = docker.run("run", "--rm", "--link", "it-no-such:db", "busybox", "true");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("it-no-such");
    }

    @Test
    void publishedPorts_reachTheContainerFromTheHostsLoopbackAndFromOtherContainers() throws Exception {
        httpd("it-pub", "-p", "127.0.0.1::80", "-p", "18481:80");
        String mapped = ok("port", "it-pub", "80/tcp");
        assertThat(mapped.lines().toList()).anyMatch(l -> l.matches("127\\.0\\.0\\.1:\\d+"))
                .anyMatch(l -> l.matches("0\\.0\\.0\\.0:18481"));
        String ephemeral = mapped.lines().filter(l -> l.startsWith("127.0.0.1:")).findFirst().orElseThrow();
        assertThat(get("http://" + ephemeral + "/hostname")).isEqualTo("it-pub");
        assertThat(get("http://127.0.0.1:18481/hostname")).isEqualTo("it-pub");
        // another container, through the host's address on its bridge and the published port
        String gateway = ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge");
        Docker.Result hairpin = hostnameVia("bridge", gateway, 18481);
        assertThat(hairpin.exitCode()).as(hairpin.toString()).isZero();
        assertThat(hairpin.out()).isEqualTo("it-pub");
        // the port is taken
        Docker.Result twice = docker.run("run", "-d", "--label", "it-net", "-p", "18481:80", "busybox", "sleep", "30");
        assertThat(twice.exitCode()).isNotZero();
        assertThat(twice.stderr()).contains("port is already allocated");
        // -P publishes what is exposed
        httpd("it-all", "--expose", "80", "-P");
        String hostPort = ok("inspect", "-f", "{{(index (index .NetworkSettings.Ports \"80/tcp\") 0).HostPort}}", "it-all");
        assertThat(get("http://127.0.0.1:" + hostPort + "/hostname")).isEqualTo("it-all");
        // gone with the container
        ok("rm", "-f", "it-pub");
        assertThat(docker.run("run", "-d", "--label", "it-net", "-p", "18481:80", "busybox", "sleep", "30").exitCode())
                .as("the port is free again").isZero();
    }

    @Test
    void internalNetwork_hasNoWayOut() throws Exception {
        ok("network", "create", "--internal", "it-net-int");
        httpd("it-outside", "-p", "18482:80");
        String gateway = ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge");
        Docker.Result routes = inContainer("it-net-int", "ip", "route");
        assertThat(routes.out()).doesNotContain("default");
        Docker.Result out = hostnameVia("it-net-int", gateway, 18482);
        assertThat(out.exitCode()).as("an internal network reaches nothing outside: " + out).isNotZero();
        Docker.Result fromBridge = hostnameVia("bridge", gateway, 18482);
        assertThat(fromBridge.out()).as(fromBridge.toString()).isEqualTo("it-outside");
    }

    @Test
    void connectAndDisconnect_aRunningContainer() throws Exception {
        ok("network", "create", "it-net-c");
        httpd("it-late");
        ok("network", "connect", "--alias", "late-alias", "it-net-c", "it-late");
        String ip = ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"it-net-c\").IPAddress}}", "it-late");
        assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        Docker.Result viaAlias = hostnameVia("it-net-c", "late-alias", 80);
        assertThat(viaAlias.out()).as(viaAlias.toString()).isEqualTo("it-late");
        assertThat(ok("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", "it-net-c")).isEqualTo("it-late");
        ok("network", "disconnect", "it-net-c", "it-late");
        assertThat(ok("inspect", "-f", "{{len .NetworkSettings.Networks}}", "it-late")).isEqualTo("1");
        Docker.Result gone = hostnameVia("it-net-c", "it-late", 80);
        assertThat(gone.exitCode()).isNotZero();
        Docker.Result notOn = docker.run("network", "disconnect", "it-net-c", "it-late");
        assertThat(notOn.exitCode()).isNotZero();
        assertThat(notOn.stderr()).contains("is not connected to network it-net-c");
    }

    @Test
    void badNetworkRequests_getDockersErrors() throws Exception {
        ok("network", "create", "it-net-dup");
        Docker.Result dup = docker.run("network", "create", "it-net-dup");
        assertThat(dup.stderr()).contains("network with name it-net-dup already exists");
        Docker.Result rmBridge = docker.run("network", "rm", "bridge");
        assertThat(rmBridge.stderr()).contains("bridge is a pre-defined network and cannot be removed");
        Docker.Result unknown = docker.run("run", "--rm", "--network", "it-net-nope", "busybox", "true");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stderr()).contains("network it-net-nope not found");
        ok("run", "-d", "--label", "it-net", "--network", "it-net-dup", "busybox", "sleep", "30");
        Docker.Result inUse = docker.run("network", "rm", "it-net-dup");
        assertThat(inUse.stderr()).contains("has active endpoints");
        Docker.Result overlap = docker.run("network", "create", "--subnet",
                ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", "it-net-dup"), "it-net-overlap");
        assertThat(overlap.stderr()).contains("overlaps");
    }

    @Test
    void dnsFlag_onAUserNetwork_isWhereTheEmbeddedDnsForwards() throws Exception {
        ok("network", "create", "it-net-dns");
        // a resolver of the test's own on the host's loopback, as --dns names it
        try (TinyDns upstream = new TinyDns(new java.net.InetSocketAddress("127.0.0.77", 53),
                java.util.Map.of("outside.test", java.net.InetAddress.getByName("10.99.88.77")))) {
            Docker.Result r = docker.run("run", "--rm", "--label", "it-net", "--network", "it-net-dns",
                    "--dns", "127.0.0.77", "--dns-search", "example.test", "busybox", "sh", "-c",
                    "cat /etc/resolv.conf; nslookup outside.test");
            assertThat(r.out()).as(r.toString()).contains("nameserver 127.0.0.11").contains("search example.test")
                    .contains("10.99.88.77");
            Docker.Result without = docker.run("run", "--rm", "--label", "it-net", "--network", "it-net-dns",
                    "busybox", "nslookup", "outside.test");
            assertThat(without.out()).as("without --dns the host's resolvers are asked").doesNotContain("10.99.88.77");
        }
    }

    private static String get(String url) throws Exception {
        try (HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body().strip();
        }
    }
}
