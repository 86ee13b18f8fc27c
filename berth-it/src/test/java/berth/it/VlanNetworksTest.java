package berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * macvlan and ipvlan networks on a VLAN sub-interface of a parent the test makes (one end of a veth
 * pair: this kernel has no dummy links): berth makes
 * the 802.1q sub-interface from {@code -o parent=<dummy>.<vlan>} as Docker does, containers on it
 * reach each other, and the sub-interface goes with the network.
 */
@ExtendWith(SharedDaemon.class)
class VlanNetworksTest {
    private Docker docker;
    private String dummy; // the parent

    @BeforeEach
    void setUp(DaemonHarness daemon) throws Exception {
        docker = new Docker(daemon);
        dummy = "btd" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        sh("ip", "link", "add", dummy, "type", "veth", "peer", "name", dummy + "p");
        sh("ip", "link", "set", dummy, "up");
        sh("ip", "link", "set", dummy + "p", "up");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String id : docker.run("ps", "-aq", "--filter", "label=it-vlan").out().lines().toList()) {
            docker.run("rm", "-f", id);
        }
        for (String n : docker.run("network", "ls", "-q", "--filter", "name=it-vlan-").out().lines().toList()) {
            docker.run("network", "rm", n);
        }
        sh("ip", "link", "del", dummy); // takes its peer along
    }

    private String ok(String... args) throws Exception {
        Docker.Result r = docker.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private static void sh(String... argv) throws Exception {
        assertThat(new ProcessBuilder(argv).inheritIO().start().waitFor()).as(String.join(" ", argv)).isZero();
    }

    private void twoContainersPing(String network) throws Exception {
        ok("run", "-d", "--label", "it-vlan", "--name", network + "-a", "--network", network, "busybox", "sleep", "300");
        String ip = ok("inspect", "-f", "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", network + "-a");
        Docker.Result ping = docker.run("run", "--rm", "--label", "it-vlan", "--network", network, "busybox",
                "ping", "-c", "1", "-W", "5", ip);
        assertThat(ping.exitCode()).as(ping.toString()).isZero();
    }

    /** Whether this kernel can make links of {@code type} (this machine's has no 802.1q and no ipvlan). */
    private boolean kernelMakes(String... typeArgs) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of("ip", "link", "add", "link", dummy, "name", dummy + "x", "type"));
        argv.addAll(List.of(typeArgs));
        boolean ok = new ProcessBuilder(argv).start().waitFor() == 0;
        if (ok) {
            new ProcessBuilder("ip", "link", "del", dummy + "x").start().waitFor();
        }
        return ok;
    }

    @Test
    void macvlan_onTheParent_containersReachEachOther() throws Exception {
        ok("network", "create", "-d", "macvlan", "--subnet", "10.232.9.0/24", "-o", "parent=" + dummy, "it-vlan-m0");
        assertThat(ok("network", "inspect", "-f", "{{.Driver}} {{.Options.parent}}", "it-vlan-m0"))
                .isEqualTo("macvlan " + dummy);
        twoContainersPing("it-vlan-m0");
        for (String id : docker.run("ps", "-aq", "--filter", "label=it-vlan").out().lines().toList()) {
            ok("rm", "-f", id);
        }
        ok("network", "rm", "it-vlan-m0");
        assertThat(Files.exists(Path.of("/sys/class/net", dummy))).as("a parent berth did not make stays").isTrue();
    }

    @Test
    void macvlan_onAVlanSubInterfaceBerthMakes() throws Exception {
        assumeTrue(kernelMakes("vlan", "id", "99"), "this kernel has no 802.1q VLAN support");
        String parent = dummy + ".10";
        ok("network", "create", "-d", "macvlan", "--subnet", "10.232.10.0/24", "-o", "parent=" + parent, "it-vlan-mv");
        assertThat(Files.exists(Path.of("/sys/class/net", parent))).isTrue();
        assertThat(Files.readString(Path.of("/proc/net/vlan", parent))).contains("VID: 10");
        twoContainersPing("it-vlan-mv");
        for (String id : docker.run("ps", "-aq", "--filter", "label=it-vlan").out().lines().toList()) {
            ok("rm", "-f", id);
        }
        ok("network", "rm", "it-vlan-mv");
        assertThat(Files.exists(Path.of("/sys/class/net", parent))).as("made for the network, gone with it").isFalse();
    }

    @Test
    void aVlanParent_onAKernelWithout8021q_isRefusedAndLeavesNothing() throws Exception {
        assumeTrue(!kernelMakes("vlan", "id", "99"), "this kernel has 802.1q: the test above covers it");
        Docker.Result r = docker.run("network", "create", "-d", "macvlan", "-o", "parent=" + dummy + ".10", "it-vlan-no");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains(dummy + ".10");
        assertThat(docker.run("network", "inspect", "it-vlan-no").exitCode()).isNotZero();
        assertThat(Files.exists(Path.of("/sys/class/net", dummy + ".10"))).isFalse();
    }

    @Test
    void ipvlan_onTheParent() throws Exception {
        assumeTrue(kernelMakes("ipvlan", "mode", "l2"), "this kernel has no ipvlan support");
        ok("network", "create", "-d", "ipvlan", "--subnet", "10.232.11.0/24", "-o", "parent=" + dummy, "it-vlan-iv");
        twoContainersPing("it-vlan-iv");
        for (String id : docker.run("ps", "-aq", "--filter", "label=it-vlan").out().lines().toList()) {
            ok("rm", "-f", id);
        }
        ok("network", "rm", "it-vlan-iv");
        assertThat(Files.exists(Path.of("/sys/class/net", dummy))).isTrue();
    }

    @Test
    void aMissingParent_isRefused() throws Exception {
        Docker.Result r = docker.run("network", "create", "-d", "macvlan", "-o", "parent=nosuchlink0", "it-vlan-bad");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("parent interface was not found on the host: nosuchlink0");
    }
}
