package berth.network.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.errors.BerthException;
import berth.network.ContainerDns;
import berth.sys.NetNamespace;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The embedded DNS in a real network namespace. Needs root: makes {@code berth-test-dns-*} with
 * {@code ip netns add}, brings its loopback up, and deletes it after each test; the fake upstream
 * listens on the host's 127.0.0.1.
 */
class EmbeddedDnsNamespaceTest {
    private static final InetAddress WEB1 = InetAddress.ofLiteral("10.1.2.3");
    private static final InetAddress WEB2 = InetAddress.ofLiteral("10.1.2.4");
    private static final InetAddress EXAMPLE = InetAddress.ofLiteral("192.0.2.7");
    private static final InetSocketAddress RESOLVER = new InetSocketAddress(InetAddress.ofLiteral("127.0.0.11"), 53);
    private static final ContainerDns.Names NAMES =
            (id, name) -> id.equals("c1") && name.equals("web") ? List.of(WEB1, WEB2) : List.of();

    private String name;
    private Path netns;
    private FakeUpstream upstream;
    private final List<EmbeddedDns> servers = new ArrayList<>();

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * dnsjava starts its selector thread at first use, and a thread lives in the namespace of the
     * thread that starts it: this first use is made from the host's namespace.
     */
    @BeforeAll
    static void startDnsjavaFromTheHostNamespace() throws Exception {
        assumeTrue(isRoot(), "needs root");
        try (FakeUpstream warmUp = new FakeUpstream(Map.of("example.test", EXAMPLE), FakeUpstream.Mode.NORMAL)) {
            assertThat(send(warmUp.address(), FakeUpstream.question("example.test.", Type.A)).getRcode())
                    .isEqualTo(Rcode.NOERROR);
        }
    }

    @BeforeEach
    void makeNamespace() throws Exception {
        name = "berth-test-dns-" + UUID.randomUUID().toString().substring(0, 8);
        run("ip", "netns", "add", name);
        netns = Path.of("/var/run/netns", name);
        run("ip", "-n", name, "link", "set", "lo", "up");
        upstream = new FakeUpstream(Map.of("example.test", EXAMPLE), FakeUpstream.Mode.NORMAL);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (EmbeddedDns dns : servers) {
            dns.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (name != null) {
            run("ip", "netns", "del", name);
        }
    }

    private EmbeddedDns dns(InetSocketAddress... upstreams) {
        EmbeddedDns dns = new EmbeddedDns(List.of(upstreams), Duration.ofSeconds(5));
        servers.add(dns);
        return dns;
    }

    @Test
    void busyboxNslookup_findsEveryAddressOfAContainerName() throws Exception {
        dns(upstream.address()).serve("c1", netns, NAMES);

        String out = run("ip", "netns", "exec", name, "/bin/busybox", "nslookup", "web", "127.0.0.11");

        assertThat(out).contains("10.1.2.3").contains("10.1.2.4");
    }

    @Test
    void simpleResolver_getsKnownNamesLocallyAndTheRestFromUpstream() throws Exception {
        dns(upstream.address()).serve("c1", netns, NAMES);

        Message web = sendInside(FakeUpstream.question("Web.", Type.A));
        Message web6 = sendInside(FakeUpstream.question("web.", Type.AAAA));
        Message forwarded = sendInside(FakeUpstream.question("example.test.", Type.A));
        Message unknown = sendInside(FakeUpstream.question("nowhere.test.", Type.A));

        assertThat(addresses(web)).containsExactly(WEB1, WEB2);
        assertThat(web.getSection(Section.ANSWER)).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(600));
        assertThat(web6.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(web6.getSection(Section.ANSWER)).isEmpty();
        assertThat(addresses(forwarded)).containsExactly(EXAMPLE);
        assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(upstream.udpQuestions).hasValue(2);
    }

    @Test
    void tcp_answersSeveralQuestionsOnOneConnectionAndClosesItOnGarbage() throws Exception {
        dns(upstream.address()).serve("c1", netns, NAMES);

        try (Socket socket = NetNamespace.call(netns, () -> new Socket(RESOLVER.getAddress(), RESOLVER.getPort()))) {
            socket.setSoTimeout(10_000); // a bound on a hung test, not an assertion
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            assertThat(addresses(exchange(out, in, FakeUpstream.question("web.", Type.A).toWire())))
                    .containsExactly(WEB1, WEB2);
            assertThat(addresses(exchange(out, in, FakeUpstream.question("example.test.", Type.A).toWire())))
                    .containsExactly(EXAMPLE);
            assertThat(upstream.tcpQuestions).hasValue(1);

            out.writeShort(5);
            out.write("junk!".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThatThrownBy(in::readUnsignedShort).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void udp_malformedDatagramsDoNotStopTheServer() throws Exception {
        dns(upstream.address()).serve("c1", netns, NAMES);

        try (DatagramSocket socket = NetNamespace.call(netns, DatagramSocket::new)) {
            for (byte[] junk : List.of(new byte[0], new byte[] {1}, "not a dns message at all".getBytes(StandardCharsets.US_ASCII))) {
                socket.send(new DatagramPacket(junk, junk.length, RESOLVER));
            }
        }

        assertThat(addresses(sendInside(FakeUpstream.question("web.", Type.A)))).containsExactly(WEB1, WEB2);
    }

    @Test
    void deadUpstream_answersServfail() throws Exception {
        InetSocketAddress dead;
        try (DatagramSocket closed = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            dead = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        dns(dead).serve("c1", netns, NAMES);

        Message reply = sendInside(FakeUpstream.question("example.test.", Type.A));

        assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(addresses(sendInside(FakeUpstream.question("web.", Type.A)))).containsExactly(WEB1, WEB2);
    }

    @Test
    void stop_freesThePortSoServingAgainWorks() throws Exception {
        EmbeddedDns dns = dns(upstream.address());
        dns.serve("c1", netns, NAMES);
        assertThat(addresses(sendInside(FakeUpstream.question("web.", Type.A)))).hasSize(2);

        dns.stop("c1");
        dns.stop("c1");
        dns.stop("never-served");

        assertThatThrownBy(() -> NetNamespace.call(netns, () -> new Socket(RESOLVER.getAddress(), RESOLVER.getPort())))
                .isInstanceOf(ConnectException.class);
        dns.serve("c1", netns, NAMES);
        assertThat(addresses(sendInside(FakeUpstream.question("web.", Type.A)))).containsExactly(WEB1, WEB2);
    }

    @Test
    void serve_againReplacesTheNamesServed() throws Exception {
        EmbeddedDns dns = dns(upstream.address());
        dns.serve("c1", netns, NAMES);

        dns.serve("c1", netns, (id, n) -> n.equals("web") ? List.of(WEB2) : List.of());

        assertThat(addresses(sendInside(FakeUpstream.question("web.", Type.A)))).containsExactly(WEB2);
    }

    @Test
    void serve_inAMissingNamespaceFailsNamingIt() {
        Path missing = Path.of("/var/run/netns", name + "-missing");

        assertThatThrownBy(() -> dns(upstream.address()).serve("c1", missing, NAMES))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void close_stopsEveryContainer() throws Exception {
        EmbeddedDns dns = dns(upstream.address());
        dns.serve("c1", netns, NAMES);

        dns.close();

        assertThatThrownBy(() -> NetNamespace.call(netns, () -> new Socket(RESOLVER.getAddress(), RESOLVER.getPort())))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> dns.serve("c1", netns, NAMES)).isInstanceOf(IllegalStateException.class);
    }

    /** Asks 127.0.0.11 with dnsjava's SimpleResolver, its socket made inside the namespace. */
    private Message sendInside(Message query) throws IOException {
        return NetNamespace.call(netns, () -> send(RESOLVER, query));
    }

    /**
     * Runs the resolver's steps on the calling thread (the executor) or dnsjava's selector thread, so
     * nothing starts a thread from inside the namespace; the socket is opened by the caller.
     */
    private static Message send(InetSocketAddress server, Message query) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(10)); // a bound on a hung test, not an assertion
        try {
            return resolver.sendAsync(query, Runnable::run).toCompletableFuture().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IOException("no answer from " + server + " to " + query.getQuestion(), e);
        }
    }

    private static Message exchange(DataOutputStream out, DataInputStream in, byte[] query) throws IOException {
        out.writeShort(query.length);
        out.write(query);
        out.flush();
        return new Message(in.readNBytes(in.readUnsignedShort()));
    }

    private static List<InetAddress> addresses(Message m) {
        return m.getSection(Section.ANSWER).stream().map(r -> ((ARecord) r).getAddress()).toList();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
