package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docker-py (Debian's python3-docker, installed by bin/install-deps --tests) drives the daemon. */
@ExtendWith(SharedDaemon.class)
class DockerPyTest {
    @Test
    void dockerPy_runsListsExecsStopsAndRemoves(DaemonHarness daemon) throws Exception {
        String script = DaemonHarness.repoRoot().resolve("berth-it/src/test/resources/clients/docker_py_smoke.py").toString();
        Process p = new ProcessBuilder("/usr/bin/python3", script, daemon.host()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("ok run --rm", "ok exec_run", "ok wait", "ok removed");
    }
}
