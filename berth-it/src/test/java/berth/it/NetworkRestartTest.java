package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Containers keep running through a daemon restart and a kill -9, and with them their networking:
 * the published port still answers on the host's loopback, the embedded DNS answers again, the
 * addresses stay taken, and the next container gets a new one.
 */
class NetworkRestartTest {
    private DaemonHarness daemon;
    private Docker docker;

    @BeforeEach
    void setUp() throws Exception {
        daemon = DaemonHarness.start();
        docker = new Docker(daemon);
        assertThat(Docker.berth(daemon).run("bootstrap", "busybox").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        daemon.close();
    }

    private String ok(String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void publishedPortsDnsAndAddresses_surviveARestartAndACrash() throws Exception {
        ok("network", "create", "keep");
        ok("run", "-d", "--name", "web", "--hostname", "web", "--network", "keep", "-p", "127.0.0.1:18583:80",
                "busybox", "httpd", "-f", "-p", "80", "-h", "/etc");
        String ip = ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"keep\").IPAddress}}", "web");
        assertThat(hostname(18583)).isEqualTo("web");
        for (boolean crash : new boolean[] {false, true}) {
            if (crash) {
                daemon.crash();
            } else {
                daemon.stop();
            }
            daemon.launch();
            assertThat(ok("inspect", "-f", "{{.State.Running}}", "web")).isEqualTo("true");
            assertThat(hostname(18583)).as("published port after " + (crash ? "a crash" : "a restart")).isEqualTo("web");
            Docker.Result lookup = docker.run("run", "--rm", "--network", "keep", "busybox", "nslookup", "web", "127.0.0.11");
            assertThat(lookup.out()).as(lookup.toString()).contains(ip);
            assertThat(ok("port", "web", "80/tcp")).isEqualTo("127.0.0.1:18583");
            String next = ok("run", "--rm", "--network", "keep", "busybox", "sh", "-c",
                    "ip -4 -o addr show eth0 | awk '{print $4}'");
            assertThat(next).as("the running container's address stays taken").doesNotStartWith(ip + "/");
        }
        ok("rm", "-f", "web");
        Docker.Result gone = docker.run("run", "--rm", "busybox", "true");
        assertThat(gone.exitCode()).isZero();
        assertThat(connects(18583)).as("the port is not forwarded any more").isFalse();
    }

    private static String hostname(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10000);
            s.getOutputStream().write("GET /hostname HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return reply.substring(reply.indexOf("\r\n\r\n") + 4).strip();
        }
    }

    private static boolean connects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
