package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The daemon refuses what it cannot do safely, with a clear message and a non-zero exit. */
class DaemonFlagsTest {
    private static String runDaemon(String... args) throws Exception {
        var cmd = new java.util.ArrayList<String>();
        cmd.add(DaemonHarness.repoRoot().resolve("bin/berth").toString());
        cmd.add("daemon");
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("daemon should refuse and exit").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }

    @Test
    void daemon_refusesTcpUntilTlsExists() throws Exception {
        assertThat(runDaemon("-H", "tcp://127.0.0.1:2375")).contains("TLS");
    }

    @Test
    void daemon_refusesUnknownRuntimeAndLogLevel() throws Exception {
        assertThat(runDaemon("--runtime", "kata", "-H", "unix:///run/bt-flags/x.sock")).contains("kata");
        assertThat(runDaemon("--log-level", "loud", "-H", "unix:///run/bt-flags/x.sock")).contains("loud");
    }

    @Test
    void daemon_refusesBadRegistrySettings() throws Exception {
        assertThat(runDaemon("--registry-mirror", "ftp://mirror.example", "-H", "unix:///run/bt-flags/x.sock"))
                .contains("ftp://mirror.example");
        assertThat(runDaemon("--insecure-registry", "http://reg.example:5000", "-H", "unix:///run/bt-flags/x.sock"))
                .contains("http://reg.example:5000");
    }
}
