package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docker top} with ps options and {@code docker logs --since/--until/--tail/-t} through the
 * real docker CLI against the real engine.
 */
@ExtendWith(SharedDaemon.class)
class TopAndLogsTest {
    private Docker docker;
    private final List<String> made = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        docker = new Docker(daemon);
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String c : made) {
            docker.run("rm", "-f", c);
        }
    }

    @Test
    void top_passesPsOptionsAndShowsOnlyTheContainersProcesses() throws Exception {
        made.add("it-top-ps");
        Docker.Result run = docker.run("run", "-d", "--name", "it-top-ps", "busybox", "sleep", "300");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        String pid = docker.run("inspect", "-f", "{{.State.Pid}}", "it-top-ps").out();
        Docker.Result top = docker.run("top", "it-top-ps", "-o", "pid,comm");
        assertThat(top.exitCode()).as(top.toString()).isZero();
        List<List<String>> rows = top.stdout().lines().map(l -> List.of(l.strip().split("\\s+"))).toList();
        assertThat(rows.getFirst()).containsExactly("PID", "COMMAND");
        assertThat(rows.subList(1, rows.size())).containsExactly(List.of(pid, "sleep"));

        Docker.Result withArgs = docker.run("top", "it-top-ps", "-eo", "pid,args");
        assertThat(withArgs.stdout().lines().skip(1).map(l -> l.strip().replaceAll("\\s+", " ")).toList())
                .containsExactly(pid + " sleep 300");

        Docker.Result bad = docker.run("top", "it-top-ps", "--no-such-ps-option");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("ps");
    }

    @Test
    void logs_sinceUntilTailAndTimestamps() throws Exception {
        made.add("it-logs-opts");
        Docker.Result run = docker.run("run", "--name", "it-logs-opts", "busybox", "sh", "-c",
                "echo one; sleep 0.1; echo two; sleep 0.1; echo three");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(docker.run("logs", "--tail", "2", "it-logs-opts").stdout()).isEqualTo("two\nthree\n");
        assertThat(docker.run("logs", "--tail", "0", "it-logs-opts").stdout()).isEmpty();

        List<String> stamped = docker.run("logs", "-t", "it-logs-opts").stdout().lines().toList();
        assertThat(stamped).hasSize(3);
        List<String> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String[] parts = stamped.get(i).split(" ", 2);
            assertThat(parts[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
            assertThat(parts[1]).isEqualTo(List.of("one", "two", "three").get(i));
            times.add(parts[0]);
        }
        // both bounds are inclusive, as in Docker
        assertThat(docker.run("logs", "--since", times.get(1), "it-logs-opts").stdout()).isEqualTo("two\nthree\n");
        assertThat(docker.run("logs", "--until", times.get(1), "it-logs-opts").stdout()).isEqualTo("one\ntwo\n");
        assertThat(docker.run("logs", "--since", times.get(1), "--until", times.get(1), "it-logs-opts").stdout())
                .isEqualTo("two\n");
        assertThat(docker.run("logs", "--until", "2000-01-01T00:00:00Z", "it-logs-opts").stdout()).isEmpty();
        assertThat(docker.run("logs", "--since", "10m", "--tail", "1", "-t", "it-logs-opts").stdout())
                .isEqualTo(stamped.get(2) + "\n");
    }
}
