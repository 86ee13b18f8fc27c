package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad Dockerfiles and bad requests: each build fails with Docker's message (the line, for a parse error),
 * exit code 1, and leaves nothing behind: no image (not even an intermediate one), no layer directory,
 * no container. Messages expected are dockerd 20.10's, compared without case where only the case differs.
 */
@ExtendWith(SharedDaemon.class)
class BuildErrorsTest {
    private DaemonHarness daemon;
    private Docker docker;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.daemon = daemon;
        docker = Builds.cli(daemon);
    }

    private record Leftovers(List<String> images, List<String> containers, List<String> snapshots) {}

    private Leftovers leftovers() throws Exception {
        return new Leftovers(docker.run("images", "-a", "-q", "--no-trunc").out().lines().sorted().toList(),
                docker.run("ps", "-a", "-q", "--no-trunc").out().lines().sorted().toList(),
                Builds.snapshotDirs(daemon));
    }

    /** Builds a context of {@code Dockerfile} and a file {@code present}; returns stdout and stderr together. */
    private String failedBuild(String dockerfile, String... flags) throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", dockerfile, "present", "here\n");
        Leftovers before = leftovers();
        List<String> args = new ArrayList<>(List.of("build", "-t", "it-build-errors:never"));
        args.addAll(List.of(flags));
        args.add(ctx.toString());

        Docker.Result r = docker.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(leftovers()).as(r.toString()).isEqualTo(before);
        return r.stdout() + r.stderr();
    }

    @Test
    void unknownInstruction_failsNamingItsLine() throws Exception {
        String out = failedBuild("FROM busybox\nRUN echo never-run\nFOO bar\n");

        assertThat(out).containsIgnoringCase("Dockerfile parse error line 3: unknown instruction: FOO")
                .doesNotContain("never-run").doesNotContain("Step 1/");
    }

    /** {@code CMD ["a",]} is no error (Docker takes invalid JSON as the shell form); SHELL has no shell form. */
    @Test
    void shellWithBadJson_failsNamingItsLine() throws Exception {
        String out = failedBuild("FROM busybox\nENV A=1\nSHELL [\"/bin/sh\",]\n");

        assertThat(out).containsIgnoringCase("Dockerfile parse error line 3: SHELL requires the arguments to be in JSON form");
    }

    @Test
    void copyFromAStageThatDoesNotExist_fails() throws Exception {
        String out = failedBuild("FROM busybox AS first\nCOPY --from=nostage /present /x\n");

        assertThat(out).contains("nostage");
    }

    @Test
    void unknownTarget_fails() throws Exception {
        String out = failedBuild("FROM busybox AS first\nRUN echo never-run\n", "--target", "nope");

        assertThat(out).contains("failed to reach build target nope in Dockerfile").doesNotContain("never-run");
    }

    @Test
    void copyOfAPathOutsideTheContext_fails() throws Exception {
        String out = failedBuild("FROM busybox\nCOPY ../present /x\n");

        assertThat(out).contains("Step 2/2 : COPY ../present /x")
                .contains("forbidden path outside the build context: ../present");
    }

    @Test
    void copyOfAMissingFile_fails() throws Exception {
        String out = failedBuild("FROM busybox\nCOPY present missing /x/\n");

        assertThat(out).contains("Step 2/2 : COPY present missing /x/")
                .contains("file not found in build context or excluded by .dockerignore: stat missing: file does not exist");
    }

    /** Not a bad Dockerfile, so the steps before it stay as cache; the message is Docker's. */
    @Test
    void runAsAUserTheImageDoesNotHave_failsNamingTheUser() throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", "FROM busybox\nENV NONCE=%s\nUSER nope\nRUN true\n".formatted(Builds.nonce()));
        List<String> containers = docker.run("ps", "-a", "-q", "--no-trunc").out().lines().sorted().toList();

        Docker.Result r = docker.run("build", "--force-rm", "-t", "it-build-errors:never", ctx.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("unable to find user nope: no matching entries in passwd file");
        assertThat(docker.run("image", "inspect", "it-build-errors:never").exitCode()).isNotZero();
        assertThat(docker.run("ps", "-a", "-q", "--no-trunc").out().lines().sorted().toList()).isEqualTo(containers);
    }

    /** A stage of config steps on scratch has an image of no layers: copying from it finds no file, like an empty tree. */
    @Test
    void copyFromAStageWithNoLayers_failsAsFileNotFound() throws Exception {
        Path ctx = Builds.write(dir, "Dockerfile", """
                FROM scratch AS empty
                LABEL nonce=%s
                FROM busybox
                COPY --from=empty /nothing /x
                """.formatted(Builds.nonce()));
        List<String> containers = docker.run("ps", "-a", "-q", "--no-trunc").out().lines().sorted().toList();

        Docker.Result r = docker.run("build", "-t", "it-build-errors:never", ctx.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains("COPY failed").contains("nothing").doesNotContainIgnoringCase("internal");
        assertThat(docker.run("ps", "-a", "-q", "--no-trunc").out().lines().sorted().toList()).isEqualTo(containers);
    }

    /**
     * A client that goes away mid-RUN cancels the build, as with dockerd: the step's container is killed
     * and removed although a failed step's would be kept, and no image is made.
     */
    @Test
    void aBuildWhoseClientGoesAway_isCancelled_andLeavesNoContainer() throws Exception {
        String nonce = Builds.nonce();
        Path ctx = Builds.write(dir, "Dockerfile", "FROM busybox\nRUN echo started-%s && sleep 600\n".formatted(nonce));
        Leftovers before = leftovers();
        Process build = docker.spawn("build", "-t", "it-build-errors:never", ctx.toString());
        String stepContainer = null;
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(build.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            java.util.regex.Pattern running = java.util.regex.Pattern.compile("Running in ([0-9a-f]{12})");
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null && !line.strip().equals("started-" + nonce); line = out.readLine()) {
                seen.append(line).append('\n');
                java.util.regex.Matcher m = running.matcher(line);
                if (m.find()) {
                    stepContainer = m.group(1);
                }
            }
            assertThat(stepContainer).as("the RUN step's container in: " + seen).isNotNull();
            assertThat(docker.run("ps", "-q", "--filter", "id=" + stepContainer).out()).isNotBlank();
        } finally {
            build.destroy(); // the CLI dies and its connection with it
            build.waitFor();
        }

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!leftovers().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(leftovers()).isEqualTo(before);
    }

    @Test
    void buildArgsThatAreNotJson_areABadRequest() throws Exception {
        RawHttp.Response r = RawHttp.send(daemon.socket(), "POST", "/v1.41/build?t=it-build-errors%3Anever&buildargs=notjson", null);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("error reading build args");

        RawHttp.Response labels = RawHttp.send(daemon.socket(), "POST", "/v1.41/build?labels=%5B1", null);
        assertThat(labels.status()).as(labels.body()).isEqualTo(400);
        assertThat(labels.body()).contains("error reading labels");
    }
}
