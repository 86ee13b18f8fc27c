package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Needs root: makes a named network namespace with {@code ip netns add} and deletes it after. */
class NetNamespaceTest {
    private String name;
    private Path netns;

    @BeforeEach
    void makeNamespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        name = "berth-test-ns-" + UUID.randomUUID().toString().substring(0, 8);
        ip("netns", "add", name);
        ip("-n", name, "link", "set", "lo", "up");
        netns = Path.of("/var/run/netns", name);
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (name != null) {
            ip("netns", "del", name);
        }
    }

    @Test
    void call_runsTheTaskInsideTheNamespace() throws IOException {
        String inside = NetNamespace.call(netns, () -> Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());

        assertThat(inside).isEqualTo("net:[" + Files.getAttribute(netns, "unix:ino") + "]");
        assertThat(inside).isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
    }

    @Test
    void call_socketOpenedInsideStaysInTheNamespace() throws IOException {
        try (ServerSocketChannel server = NetNamespace.call(netns, () -> {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s;
        })) {
            InetSocketAddress where = (InetSocketAddress) server.getLocalAddress();

            // the host's loopback has no such listener ...
            assertThatThrownBy(() -> SocketChannel.open(where).close()).isInstanceOf(ConnectException.class);
            // ... the namespace's has, and this thread still talks to it after the call returned
            try (SocketChannel client = NetNamespace.call(netns, () -> SocketChannel.open(where));
                    SocketChannel accepted = server.accept()) {
                assertThat(accepted.getRemoteAddress()).isEqualTo(client.getLocalAddress());
            }
        }
    }

    @Test
    void call_aMissingNamespaceFailsNamingItAndTheNextCallWorks() throws IOException {
        Path missing = Path.of("/var/run/netns", name + "-missing");

        assertThatThrownBy(() -> NetNamespace.call(missing, () -> "ran"))
                .isInstanceOf(ErrnoException.class)
                .hasMessageContaining(missing.toString());
        assertThat(NetNamespace.call(netns, () -> "ran")).isEqualTo("ran");
    }

    @Test
    void call_rethrowsTheTasksExceptionAndTheWorkerGoesHome() throws IOException {
        assertThatThrownBy(() -> NetNamespace.call(netns, () -> {
            throw new IOException("task failed");
        })).isInstanceOf(IOException.class).hasMessage("task failed");

        // the worker thread (its kernel name is the Java one) is back in this process's namespace
        assertThat(workerNamespaces()).containsOnly(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")));
    }

    private static List<Path> workerNamespaces() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            List<Path> found = new java.util.ArrayList<>();
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals("berth-netns")) {
                    found.add(Files.readSymbolicLink(task.resolve("ns/net")));
                }
            }
            assertThat(found).as("the worker thread").isNotEmpty();
            return found;
        }
    }

    @Test
    void call_fromInsideATaskIsRefused() {
        assertThatThrownBy(() -> NetNamespace.call(netns, () -> NetNamespace.call(netns, () -> "nested")))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
