package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry is hostile input: through the docker CLI and berth's daemon, a layer whose bytes do not
 * match its digest is refused and leaves nothing behind (no image, no layer, no blob, no half-unpacked
 * directory), and a connection cut in the middle of a layer is resumed with a Range request.
 */
@ExtendWith(SharedDaemon.class)
class RegistryHostileTest {
    private static OciLayout.Written image;

    @BeforeAll
    static void layout(@TempDir Path tmp) throws Exception {
        image = OciLayout.write(tmp.resolve("img"), "v1", "linux/amd64");
    }

    private static long entries(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aLayerWithTheWrongDigest_isRefusedAndNothingIsKept(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        Path blobs = daemon.dataRoot().resolve("content/blobs/sha256");
        Path snapshots = daemon.dataRoot().resolve("snapshots");
        String imagesBefore = docker.run("images", "-aq", "--no-trunc").out();
        long blobsBefore = entries(blobs);
        long snapshotsBefore = entries(snapshots);
        try (HostileRegistry bad = HostileRegistry.start(image.dir(), image.manifestDigests().get("linux/amd64"),
                HostileRegistry.Mode.CORRUPT)) {
            Docker.Result r = docker.run("pull", bad.host() + "/it/corrupt:v1");
            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(r.stderr()).contains("sha256:").containsIgnoringCase("digest");
        }
        assertThat(docker.run("images", "-aq", "--no-trunc").out()).isEqualTo(imagesBefore);
        assertThat(entries(blobs)).as("blobs").isEqualTo(blobsBefore);
        assertThat(entries(snapshots)).as("snapshot directories, tmp-* included").isEqualTo(snapshotsBefore);
    }

    @Test
    void aConnectionCutInTheMiddleOfALayer_isResumed(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try (HostileRegistry flaky = HostileRegistry.start(image.dir(), image.manifestDigests().get("linux/amd64"),
                HostileRegistry.Mode.CUT_ONCE)) {
            String ref = flaky.host() + "/it/flaky:v1";
            try {
                Docker.Result r = docker.run("pull", ref);
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(flaky.ranges).as("the rest was asked for with a Range request")
                        .anyMatch(h -> h.matches("bytes=[1-9][0-9]*-"));
                Docker.Result run = docker.run("run", "--rm", ref, "cat", "/platform");
                assertThat(run.out()).isEqualTo("linux/amd64");
            } finally {
                docker.run("rmi", "-f", ref);
            }
        }
    }
}
