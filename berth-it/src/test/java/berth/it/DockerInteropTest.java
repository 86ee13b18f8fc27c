package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images move between berth and a real Docker 20.10 daemon (Debian's docker.io, started here on its
 * own socket and data root, stopped by pid): what berth saves, Docker loads and runs, and the other
 * way round.
 */
@ExtendWith(SharedDaemon.class)
class DockerInteropTest {
    private static final Path RUN = Path.of("/run/bt-dockerd");
    private static final Path SOCK = RUN.resolve("docker.sock");
    private static final Path ROOT = Path.of("/var/lib/berth-it-dockerd");
    private static Process dockerd;
    private static Docker realDocker;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startDockerd() throws Exception {
        assertThat(Path.of("/usr/sbin/dockerd")).as("docker.io is installed by bin/install-deps").exists();
        Files.createDirectories(RUN);
        dockerd = new ProcessBuilder("/usr/sbin/dockerd", "-H", "unix://" + SOCK, "--data-root", ROOT.toString(),
                "--exec-root", RUN.resolve("exec").toString(), "--pidfile", RUN.resolve("docker.pid").toString(),
                "--iptables=false", "--bridge=none")
                .redirectErrorStream(true).redirectOutput(RUN.resolve("dockerd.log").toFile()).start();
        realDocker = Docker.at("unix://" + SOCK);
        for (int i = 0; i < 300; i++) {
            if (realDocker.run("version").exitCode() == 0) {
                return;
            }
            assertThat(dockerd.isAlive()).as(Files.readString(RUN.resolve("dockerd.log"))).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("dockerd did not start: " + Files.readString(RUN.resolve("dockerd.log")));
    }

    @AfterAll
    static void stopDockerd() throws Exception {
        if (dockerd != null) {
            for (String id : realDocker.run("ps", "-aq").stdout().split("\\s+")) {
                if (!id.isBlank()) {
                    realDocker.run("rm", "-f", id);
                }
            }
            dockerd.destroy();
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor();
            }
        }
        DaemonHarness.deleteTree(ROOT);
        DaemonHarness.deleteTree(RUN);
    }

    @Test
    void berthSave_isLoadedAndRunByDocker20_andBack(DaemonHarness daemon) throws Exception {
        Docker berth = new Docker(daemon);
        Path rootfs = tmp.resolve("rootfs.tar");
        Files.write(rootfs, Tars.busyboxRootfs());
        String id = berth.run("import", "-c", "CMD [\"echo\", \"made by berth\"]", "-c", "ENV WHO=berth",
                rootfs.toString(), "interop:v1").out();

        Path saved = tmp.resolve("from-berth.tar");
        assertThat(berth.run("save", "-o", saved.toString(), "interop:v1").exitCode()).isZero();
        Docker.Result load = realDocker.run("load", "-i", saved.toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.stdout()).contains("Loaded image: interop:v1");
        assertThat(realDocker.run("image", "inspect", "-f", "{{.Id}}", "interop:v1").out())
                .as("Docker computes the same image ID from berth's config").isEqualTo(id);
        Docker.Result run = realDocker.run("run", "--rm", "--network", "none", "interop:v1");
        assertThat(run.stdout()).as(run.toString()).isEqualTo("made by berth\n");

        realDocker.run("tag", "interop:v1", "interop:from-docker");
        Path back = tmp.resolve("from-docker.tar");
        assertThat(realDocker.run("save", "-o", back.toString(), "interop:from-docker").exitCode()).isZero();
        Docker.Result berthLoad = berth.run("load", "-i", back.toString());
        assertThat(berthLoad.exitCode()).as(berthLoad.toString()).isZero();
        assertThat(berth.run("image", "inspect", "-f", "{{.Id}}", "interop:from-docker").out()).isEqualTo(id);
        assertThat(berth.run("run", "--rm", "interop:from-docker", "sh", "-c", "echo $WHO").stdout())
                .isEqualTo("berth\n");
        berth.run("rmi", "interop:v1", "interop:from-docker");
        realDocker.run("rmi", "interop:v1", "interop:from-docker");
        assertThat(List.of(berth.run("images", "-q", "interop").out())).containsExactly("");
    }
}
