package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon killed in the middle of network work leaves nothing behind once it has started again: no
 * bridge and no iptables rule of a network that was never recorded, no address handed out twice.
 * The daemon dies at named crash points (BERTH_CRASH_AT), as it would under kill -9 there.
 */
class NetworkCrashTest {
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

    private void restartAfterCrashAt(String point, String... request) throws Exception {
        daemon.stop();
        daemon.crashAt(Optional.of(point));
        daemon.launch();
        Docker.Result r = docker.run(request);
        assertThat(r.exitCode()).as("the request dies with the daemon: " + r).isNotZero();
        assertThat(daemon.awaitExit(30)).isTrue();
        daemon.crashAt(Optional.empty());
        daemon.launch();
    }

    @Test
    void aCrashDuringNetworkCreate_leavesNoBridgeAndNoRules() throws Exception {
        var linksBefore = NetworkLeftovers.berthLinks();
        restartAfterCrashAt("network-created", "network", "create", "crashnet");
        assertThat(docker.run("network", "inspect", "crashnet").exitCode()).as("never recorded").isNotZero();
        assertThat(NetworkLeftovers.berthLinks()).as("the half-made bridge is gone").isEqualTo(linksBefore);
        var links = NetworkLeftovers.berthLinks();
        assertThat(NetworkLeftovers.rules("filter", "berth-")).as("no rule for a bridge that is gone")
                .allMatch(r -> links.stream().anyMatch(r::contains));
        // and the name is free
        ok("network", "create", "crashnet");
        ok("network", "rm", "crashnet");
    }

    @Test
    void aCrashDuringConnect_leaksNoAddress() throws Exception {
        ok("network", "create", "--subnet", "10.231.7.0/29", "crashnet2"); // .2 to .6: five addresses
        ok("run", "-d", "--name", "runner", "busybox", "sleep", "600");
        restartAfterCrashAt("network-attached", "network", "connect", "crashnet2", "runner");
        assertThat(ok("inspect", "-f", "{{.State.Running}}", "runner")).isEqualTo("true");
        // every address of the pool can still be handed out exactly once, the crashed connect's included
        // once its container is gone
        ok("rm", "-f", "runner");
        for (int i = 0; i < 5; i++) {
            ok("run", "-d", "--label", "crash-fill", "--network", "crashnet2", "busybox", "sleep", "600");
        }
        Docker.Result full = docker.run("run", "-d", "--network", "crashnet2", "busybox", "sleep", "600");
        assertThat(full.exitCode()).isNotZero();
        assertThat(full.stderr()).contains("no available IPv4 addresses");
        var ips = ok("ps", "-q", "--filter", "label=crash-fill").lines()
                .map(id -> {
                    try {
                        return ok("inspect", "-f", "{{.NetworkSettings.Networks.crashnet2.IPAddress}}", id);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(ips).doesNotHaveDuplicates().hasSize(5);
    }
}
