package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Images through the real docker CLI: import, tag, rmi, inspect, history, save/load, prune, and hostile input. */
@ExtendWith(SharedDaemon.class)
class ImageTest {
    private Docker docker;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        docker = new Docker(daemon);
    }

    private Path write(String name, byte[] data) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }

    private String imageIds() throws Exception {
        return docker.run("images", "-aq", "--no-trunc").out();
    }

    @Test
    void import_appliesChangesAndRuns() throws Exception {
        Path rootfs = write("rootfs.tar", Tars.busyboxRootfs());
        Docker.Result imp = docker.run("import", "-c", "ENV GREETING=imported", "-c", "WORKDIR /tmp",
                "-c", "CMD [\"sh\", \"-c\", \"echo $GREETING in $(pwd)\"]", "-c", "LABEL team=it",
                "-c", "EXPOSE 8080", "-m", "made by a test", rootfs.toString(), "it-import:v1");
        assertThat(imp.exitCode()).as(imp.toString()).isZero();
        assertThat(imp.out()).matches("sha256:[0-9a-f]{64}");

        Docker.Result run = docker.run("run", "--rm", "it-import:v1");
        assertThat(run.stdout()).isEqualTo("imported in /tmp\n");
        assertThat(docker.run("image", "inspect", "-f",
                "{{.Config.WorkingDir}} {{index .Config.Labels \"team\"}} {{.Os}} {{json .Config.ExposedPorts}} {{.Comment}}",
                "it-import:v1").out()).isEqualTo("/tmp it linux {\"8080/tcp\":{}} made by a test");
        assertThat(docker.run("history", "--format", "{{.Comment}}", "it-import:v1").out()).contains("made by a test");
        assertThat(docker.run("images", "--filter", "label=team=it", "--format", "{{.Repository}}:{{.Tag}}").out())
                .isEqualTo("it-import:v1");
        assertThat(docker.run("images", "--filter", "reference=it-imp*", "-q").out())
                .isEqualTo(imp.out().substring(7, 19));
        docker.run("rmi", "it-import:v1");
    }

    @Test
    void import_refusesBadChangesButTakesAnEmptyInputAsDockerDoes() throws Exception {
        Path rootfs = write("rootfs.tar", Tars.busyboxRootfs());
        String before = imageIds();
        Docker.Result badChange = docker.run("import", "-c", "RUN rm -rf /", rootfs.toString(), "it-bad:v1");
        assertThat(badChange.exitCode()).isNotZero();
        assertThat(badChange.stderr()).containsIgnoringCase("RUN");
        assertThat(imageIds()).isEqualTo(before);
        // Docker 20.10 makes an empty one-layer image of an empty body (see docker-reference/README.md).
        Docker.Result empty = docker.runWithInput(new byte[0], "import", "-", "it-empty:v1");
        assertThat(empty.exitCode()).as(empty.toString()).isZero();
        assertThat(docker.run("image", "inspect", "-f", "{{.Size}}", "it-empty:v1").out()).isEqualTo("0");
        docker.run("rmi", "it-empty:v1");
    }

    @Test
    void tagAndRmi_untagThenDelete() throws Exception {
        assertThat(docker.run("tag", "busybox", "it-tag:one").exitCode()).isZero();
        assertThat(docker.run("tag", "busybox:latest", "127.0.0.1:5000/team/it-tag:two").exitCode()).isZero();
        assertThat(docker.run("images", "--format", "{{.Repository}}:{{.Tag}}").stdout())
                .contains("it-tag:one", "127.0.0.1:5000/team/it-tag:two", "busybox:latest");
        Docker.Result untag = docker.run("rmi", "it-tag:one", "127.0.0.1:5000/team/it-tag:two");
        assertThat(untag.stdout()).contains("Untagged: it-tag:one", "Untagged: 127.0.0.1:5000/team/it-tag:two");
        assertThat(untag.stdout()).doesNotContain("Deleted");
        assertThat(docker.run("image", "inspect", "busybox").exitCode()).isZero();

        Docker.Result badTag = docker.run("tag", "busybox", "Bad/Upper:x");
        assertThat(badTag.exitCode()).isNotZero();
        assertThat(badTag.stderr()).contains("invalid reference format");
    }

    @Test
    void rmi_refusesWhileAContainerUsesTheImage() throws Exception {
        Path rootfs = write("rootfs.tar", Tars.busyboxRootfs());
        String id = docker.run("import", "-c", "CMD [\"true\"]", rootfs.toString(), "it-used:v1").out();
        String cid = docker.run("create", "it-used:v1").out();
        Docker.Result refused = docker.run("rmi", "it-used:v1");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("conflict: unable to remove repository reference \"it-used:v1\" (must force)");
        Docker.Result byId = docker.run("rmi", id.substring(7, 19));
        assertThat(byId.exitCode()).isEqualTo(1);
        assertThat(byId.stderr()).contains("conflict");
        docker.run("rm", cid);
        Docker.Result ok = docker.run("rmi", "it-used:v1");
        assertThat(ok.stdout()).contains("Untagged: it-used:v1", "Deleted: " + id);
        assertThat(docker.run("image", "inspect", id).exitCode()).isEqualTo(1);
    }

    @Test
    void saveAndLoad_roundTripKeepsIdAndTags() throws Exception {
        Path rootfs = write("rootfs.tar", Tars.busyboxRootfs());
        String id = docker.run("import", "-c", "CMD [\"echo\", \"round trip\"]", rootfs.toString(), "it-save:v1").out();
        Path saved = tmp.resolve("saved.tar");
        Docker.Result save = docker.run("save", "-o", saved.toString(), "it-save:v1");
        assertThat(save.exitCode()).as(save.toString()).isZero();
        docker.run("rmi", "it-save:v1");
        assertThat(docker.run("image", "inspect", id).exitCode()).isEqualTo(1);

        Docker.Result load = docker.run("load", "-i", saved.toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
        assertThat(load.stdout()).contains("Loaded image: it-save:v1");
        assertThat(docker.run("image", "inspect", "-f", "{{.Id}}", "it-save:v1").out()).isEqualTo(id);
        assertThat(docker.run("run", "--rm", "it-save:v1").stdout()).isEqualTo("round trip\n");

        Path again = tmp.resolve("again.tar");
        docker.run("save", "-o", again.toString(), "it-save:v1");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(saved));
        docker.run("rmi", "it-save:v1");
    }

    @Test
    void load_acceptsATarballSavedByDocker20() throws Exception {
        Path reference = DaemonHarness.repoRoot().resolve(
                "berth-it/src/test/resources/docker-reference/busybox-docker20.tar");
        assertThat(reference).exists();
        docker.run("tag", "busybox:latest", "it-keep:busybox");
        try {
            Docker.Result load = docker.run("load", "-i", reference.toString());
            assertThat(load.exitCode()).as(load.toString()).isZero();
            assertThat(load.stdout()).contains("Loaded image");
            String loaded = load.out().lines().filter(l -> l.startsWith("Loaded image")).findFirst().orElseThrow()
                    .replaceFirst("Loaded image( ID)?: ", "");
            Docker.Result run = docker.run("run", "--rm", loaded, "echo", "from docker");
            assertThat(run.stdout()).isEqualTo("from docker\n");
        } finally {
            docker.run("tag", "it-keep:busybox", "busybox:latest");
            docker.run("rmi", "it-keep:busybox");
        }
    }

    @Test
    void load_refusesHostileLayersAndLeavesNothing() throws Exception {
        Path outside = Path.of("/tmp/berth-it-escape-" + ProcessHandle.current().pid());
        Files.deleteIfExists(outside);
        String before = imageIds();
        byte[][] layers = {
                new Tars().file("../../../../../.." + outside, "pwned").bytes(),
                new Tars().file(outside.toString(), "pwned").bytes(),
                new Tars().symlink("escape", "/tmp").file("escape/" + outside.getFileName(), "pwned").bytes(),
                new Tars().symlink("up", "../../../../../../tmp").file("up/" + outside.getFileName(), "pwned").bytes(),
                new Tars().hardlink("passwd", "../../../../../../etc/passwd").bytes(),
        };
        for (int i = 0; i < layers.length; i++) {
            Path img = write("hostile-" + i + ".tar", Tars.savedImage("it-hostile:v" + i, layers[i]));
            Docker.Result load = docker.run("load", "-i", img.toString());
            assertThat(outside).as("nothing written outside the layer by archive %d", i).doesNotExist();
            if (load.exitCode() == 0) {
                // Neutralised rather than refused (Docker cleans such names into the root): the image
                // loaded, and the check above proves nothing went outside.
                docker.run("rmi", "it-hostile:v" + i);
            } else {
                assertThat(load.stderr()).as("a refusal says why").isNotBlank();
                assertThat(docker.run("image", "inspect", "it-hostile:v" + i).exitCode())
                        .as("a refused load leaves no image").isEqualTo(1);
            }
        }
        assertThat(imageIds()).isEqualTo(before);
        Docker.Result garbage = docker.runWithInput("this is not a tar".getBytes(StandardCharsets.UTF_8), "load");
        assertThat(garbage.exitCode()).isNotZero();
        Path hostileRootfs = write("hostile-rootfs.tar", layers[0]);
        Docker.Result imp = docker.run("import", hostileRootfs.toString(), "it-hostile-import:v1");
        assertThat(imp.exitCode()).isNotZero();
        assertThat(outside).doesNotExist();
        assertThat(imageIds()).isEqualTo(before);
    }

    @Test
    void unknownImages_answerNoSuchImage() throws Exception {
        Docker.Result inspect = docker.run("image", "inspect", "no-such:image");
        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.stderr()).contains("No such image: no-such:image");
        Docker.Result rmi = docker.run("rmi", "no-such:image");
        assertThat(rmi.exitCode()).isEqualTo(1);
        assertThat(rmi.stderr()).contains("No such image: no-such:image");
        assertThat(docker.run("history", "no-such:image").exitCode()).isEqualTo(1);
        assertThat(docker.run("save", "-o", tmp.resolve("x.tar").toString(), "no-such:image").exitCode()).isEqualTo(1);
    }

    @Test
    void prune_removesDanglingImagesOnly() throws Exception {
        Path rootfs = write("rootfs.tar", Tars.busyboxRootfs());
        String dangling = docker.run("import", "-c", "LABEL prune=me", rootfs.toString()).out();
        assertThat(docker.run("images", "-q", "--filter", "dangling=true", "--no-trunc").out()).contains(dangling);
        Docker.Result prune = docker.run("image", "prune", "-f");
        assertThat(prune.exitCode()).as(prune.toString()).isZero();
        assertThat(prune.stdout()).contains(dangling);
        assertThat(docker.run("image", "inspect", dangling).exitCode()).isEqualTo(1);
        assertThat(docker.run("image", "inspect", "busybox").exitCode()).isZero();
    }
}
