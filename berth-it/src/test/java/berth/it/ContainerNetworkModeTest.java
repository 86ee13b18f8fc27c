package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker run --network container:x} (compose's {@code network_mode: service:x}) through the real
 * docker CLI: the container lives in x's network namespace, with x's hostname, /etc/hosts and DNS, and
 * Docker's errors for what cannot go with it.
 */
@ExtendWith(SharedDaemon.class)
class ContainerNetworkModeTest {
    private final String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
    private Docker docker;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        docker = new Docker(daemon);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : docker.run("ps", "-aq", "--filter", "label=it-netmode=" + tag).out().lines().toList()) {
            docker.run("rm", "-f", id);
        }
        docker.run("network", "rm", "netmode-" + tag);
    }

    private String ok(String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void joiner_seesTheTargetsInterfacesHostnameHostsAndNames() throws Exception {
        String net = "netmode-" + tag;
        ok("network", "create", net);
        String target = "nm-target-" + tag;
        String peer = "nm-peer-" + tag;
        ok("run", "-d", "--label", "it-netmode=" + tag, "--name", target, "--network", net, "busybox", "sleep", "600");
        ok("run", "-d", "--label", "it-netmode=" + tag, "--name", peer, "--network", net, "busybox", "sleep", "600");
        String targetId = ok("inspect", "-f", "{{.Id}}", target);
        String targetIp = ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + net + "\").IPAddress}}", target);

        String out = ok("run", "--rm", "--label", "it-netmode=" + tag, "--network", "container:" + target, "busybox",
                "sh", "-c", "ip -4 -o addr show eth0; echo host=$(hostname); cat /etc/hosts; nslookup -type=a " + peer);
        assertThat(out).contains("inet " + targetIp + "/", "host=" + ok("exec", target, "hostname"));
        assertThat(out).contains(ok("exec", target, "cat", "/etc/hosts"));
        // the embedded DNS of the namespace answers: the target's network peers resolve
        assertThat(out).contains("Name:\t" + peer, "Address: " + ok("inspect", "-f",
                "{{(index .NetworkSettings.Networks \"" + net + "\").IPAddress}}", peer));

        String joiner = ok("run", "-d", "--label", "it-netmode=" + tag, "--network", "container:" + target,
                "busybox", "sleep", "600");
        // as Docker shows it: the target by its ID, the target's hostname, no endpoint of its own
        assertThat(ok("inspect", "-f", "{{.HostConfig.NetworkMode}}|{{.Config.Hostname}}|{{json .NetworkSettings.Networks}}",
                joiner)).isEqualTo("container:" + targetId + "|" + ok("inspect", "-f", "{{.Config.Hostname}}", target) + "|{}");
        Docker.Result connect = docker.run("network", "connect", net, joiner);
        assertThat(connect.exitCode()).isNotZero();
        assertThat(connect.stderr()).contains("container sharing network namespace with another container or host "
                + "cannot be connected to any other network");
        assertThat(ok("inspect", "-f", "{{json .NetworkSettings.Networks}}", joiner)).isEqualTo("{}");
    }

    @Test
    void joiningNeedsARunningTarget_andRefusesWhatNeedsANetworkOfItsOwn() throws Exception {
        String stopped = "nm-stopped-" + tag;
        ok("create", "--label", "it-netmode=" + tag, "--name", stopped, "busybox", "true");
        Docker.Result notRunning = docker.run("run", "--rm", "--label", "it-netmode=" + tag,
                "--network", "container:" + stopped, "busybox", "true");
        assertThat(notRunning.exitCode()).isNotZero();
        assertThat(notRunning.stderr()).contains("cannot join network of a non running container: "
                + ok("inspect", "-f", "{{.Id}}", stopped));

        Docker.Result missing = docker.run("run", "--rm", "--label", "it-netmode=" + tag,
                "--network", "container:nm-none-" + tag, "busybox", "true");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("No such container: nm-none-" + tag);

        Docker.Result published = docker.run("create", "--label", "it-netmode=" + tag,
                "--network", "container:" + stopped, "-p", "8080:80", "busybox", "true");
        assertThat(published.exitCode()).isNotZero();
        assertThat(published.stderr()).contains("conflicting options: port publishing and the container type network mode");

        Docker.Result exposed = docker.run("create", "--label", "it-netmode=" + tag,
                "--network", "container:" + stopped, "--expose", "80", "busybox", "true");
        assertThat(exposed.exitCode()).isNotZero();
        assertThat(exposed.stderr()).contains("conflicting options: port exposing and the container type network mode");

        Docker.Result hostname = docker.run("create", "--label", "it-netmode=" + tag,
                "--network", "container:" + stopped, "--hostname", "h", "busybox", "true");
        assertThat(hostname.exitCode()).isNotZero();
        assertThat(hostname.stderr()).contains("conflicting options: hostname and the network mode");
        // nothing was left behind by the refused runs
        assertThat(docker.run("ps", "-aq", "--filter", "label=it-netmode=" + tag).out().lines().count()).isEqualTo(1);
    }
}
