package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Needs root: brings the loopback of a throw-away namespace up and reads it back with ip. */
class LinkFlagsTest {
    private String ns;

    @BeforeEach
    void create() throws Exception {
        ns = "berth-test-lf-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        assertThat(new ProcessBuilder("ip", "netns", "add", ns).start().waitFor()).isZero();
    }

    @AfterEach
    void delete() throws Exception {
        new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
    }

    @Test
    void up_bringsTheNamespacesLoopbackUp_andNotTheHosts() throws Exception {
        assertThat(linkLo()).doesNotContain("UP,");
        NetNamespace.call(Path.of("/var/run/netns", ns), () -> {
            LinkFlags.up("lo");
            return null;
        });
        assertThat(linkLo()).contains("UP,LOWER_UP");
    }

    private String linkLo() throws Exception {
        Process p = new ProcessBuilder("ip", "-n", ns, "link", "show", "lo").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
