package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * Testcontainers (docker-java underneath) drives berth: a GenericContainer of the local busybox image,
 * exec, copies both ways, logs, stop. Ryuk is disabled (berth-it's surefire sets
 * TESTCONTAINERS_RYUK_DISABLED), so the test removes what it starts; the Docker host comes from
 * {@link BerthClientProviderStrategy}.
 */
@ExtendWith(SharedDaemon.class)
class TestcontainersTest {
    @BeforeAll
    static void pointTestcontainersAtBerth(DaemonHarness daemon) {
        System.setProperty(BerthClientProviderStrategy.PROPERTY, daemon.host());
    }

    @AfterAll
    static void forget() {
        System.clearProperty(BerthClientProviderStrategy.PROPERTY);
    }

    @Test
    void genericContainer_execsCopiesLogsAndStops(@TempDir Path tmp) throws Exception {
        Path local = Files.writeString(tmp.resolve("in.txt"), "from the host\n");
        try (GenericContainer<?> c = new GenericContainer<>("busybox:latest")
                .withImagePullPolicy(image -> false)
                .withCommand("sh", "-c", "echo started; echo to-stderr >&2; exec sleep 600")) {
            c.start();
            assertThat(c.isRunning()).isTrue();

            Container.ExecResult r = c.execInContainer("sh", "-c", "echo out; echo err >&2; exit 3");
            assertThat(r.getExitCode()).isEqualTo(3);
            assertThat(r.getStdout()).isEqualTo("out\n");
            assertThat(r.getStderr()).isEqualTo("err\n");

            c.copyFileToContainer(MountableFile.forHostPath(local), "/tmp/in.txt");
            c.copyFileToContainer(Transferable.of("made in memory\n"), "/tmp/dir/mem.txt");
            assertThat(c.execInContainer("cat", "/tmp/in.txt", "/tmp/dir/mem.txt").getStdout())
                    .isEqualTo("from the host\nmade in memory\n");

            c.execInContainer("sh", "-c", "echo from the container > /tmp/out.txt");
            Path back = tmp.resolve("back.txt");
            c.copyFileFromContainer("/tmp/out.txt", back.toString());
            assertThat(Files.readString(back)).isEqualTo("from the container\n");
            String viaStream = c.copyFileFromContainer("/etc/passwd",
                    in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(viaStream).startsWith("root:x:0:0:");

            assertThat(c.getLogs()).contains("started", "to-stderr");
            assertThat(c.getLogs(org.testcontainers.containers.output.OutputFrame.OutputType.STDOUT))
                    .isEqualTo("started\n");

            String id = c.getContainerId();
            c.stop();
            assertThat(c.isRunning()).isFalse();
            assertThat(c.getDockerClient().listContainersCmd().withShowAll(true).exec())
                    .noneMatch(x -> x.getId().equals(id));
        }
    }
}
