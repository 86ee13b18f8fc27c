package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker pull} through berth from Debian's Distribution registry: an OCI index of two platforms
 * that skopeo put there, pulled by tag, by digest and per platform; Docker's progress and status lines;
 * a second pull that changes nothing; an unknown image; {@code docker run} of a missing image pulls it;
 * and basic auth with {@code docker login}.
 */
@ExtendWith(SharedDaemon.class)
class RegistryPullTest {
    private static DistributionRegistry registry;
    private static OciLayout.Written multi;

    @BeforeAll
    static void seed(@TempDir Path tmp) throws Exception {
        registry = DistributionRegistry.start();
        multi = OciLayout.write(tmp.resolve("multi"), "v1", "linux/amd64", "linux/arm64/v8");
        Skopeo.copy("--all", "oci:" + multi.dir() + ":v1", "docker://" + registry.host() + "/it/multi:v1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    private static String ok(Docker d, String... args) throws Exception {
        Docker.Result r = d.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void pull_byTagByDigestAndByPlatform(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String ref = registry.host() + "/it/multi:v1";
        try {
            String out = ok(docker, "pull", ref);
            assertThat(out).contains("v1: Pulling from it/multi", "Pull complete",
                    "Digest: " + multi.indexDigest(), "Status: Downloaded newer image for " + ref);
            assertThat(ok(docker, "image", "inspect", "-f", "{{.Os}}/{{.Architecture}} {{index .RepoTags 0}} {{index .RepoDigests 0}}", ref))
                    .isEqualTo("linux/amd64 " + ref + " " + registry.host() + "/it/multi@" + multi.indexDigest());
            assertThat(ok(docker, "run", "--rm", ref, "cat", "/platform")).isEqualTo("linux/amd64");

            assertThat(ok(docker, "pull", ref)).as("nothing new").contains("Status: Image is up to date for " + ref)
                    .doesNotContain("Pull complete");

            String arm = ok(docker, "pull", "--platform", "linux/arm64", ref);
            assertThat(arm).contains("Already exists").contains("Pull complete"); // the shared base layer
            assertThat(ok(docker, "image", "inspect", "-f", "{{.Architecture}} {{.Variant}}", ref)).isEqualTo("arm64 v8");
            assertThat(ok(docker, "run", "--rm", ref, "cat", "/platform")).isEqualTo("linux/arm64/v8");

            String byDigest = registry.host() + "/it/multi@" + multi.manifestDigests().get("linux/amd64");
            assertThat(ok(docker, "pull", byDigest)).contains("Digest: " + multi.manifestDigests().get("linux/amd64"));
            assertThat(ok(docker, "image", "inspect", "-f", "{{.Architecture}}", byDigest)).isEqualTo("amd64");
            // the index digest went with the tag to the arm64 image; the amd64 one keeps its own manifest's
            assertThat(ok(docker, "image", "inspect", "-f", "{{json .RepoDigests}}", byDigest))
                    .contains(registry.host() + "/it/multi@" + multi.manifestDigests().get("linux/amd64"))
                    .doesNotContain(multi.indexDigest());
            assertThat(ok(docker, "image", "inspect", "-f", "{{json .RepoDigests}}", ref)).contains(multi.indexDigest());
        } finally {
            docker.run("rmi", "-f", ref);
            docker.run("rmi", "-f", registry.host() + "/it/multi@" + multi.manifestDigests().get("linux/amd64"));
        }
    }

    @Test
    void pullDashA_pullsEveryTag(DaemonHarness daemon) throws Exception {
        for (String tag : List.of("one", "two")) {
            Skopeo.copy("--all", "oci:" + multi.dir() + ":v1", "docker://" + registry.host() + "/it/all:" + tag);
        }
        Docker docker = new Docker(daemon);
        try {
            String out = ok(docker, "pull", "-a", registry.host() + "/it/all");
            assertThat(out).contains("one: Pulling from it/all", "two: Pulling from it/all");
            assertThat(ok(docker, "images", "--format", "{{.Tag}}", registry.host() + "/it/all").lines().sorted().toList())
                    .containsExactly("one", "two");

            ok(docker, "rmi", registry.host() + "/it/all:one", registry.host() + "/it/all:two");
            Docker berth = Docker.berth(daemon);
            assertThat(ok(berth, "pull", "-a", registry.host() + "/it/all")).contains("one: Pulling from it/all");
            assertThat(ok(docker, "images", "--format", "{{.Tag}}", registry.host() + "/it/all").lines().sorted().toList())
                    .as("berth pull -a").containsExactly("one", "two");
            Docker.Result both = berth.run("pull", "-a", registry.host() + "/it/all:one");
            assertThat(both.exitCode()).isNotZero();
            assertThat(both.stderr()).contains("tag can't be used with --all-tags/-a");
        } finally {
            docker.run("rmi", "-f", registry.host() + "/it/all:one", registry.host() + "/it/all:two");
        }
    }

    @Test
    void distributionInspect_describesTheRemoteIndexWithoutPulling(DaemonHarness daemon) throws Exception {
        RawHttp.Response r = RawHttp.send(daemon.socket(), "GET", "/v1.41/distribution/" + registry.host() + "/it/multi:v1/json", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"digest\":\"" + multi.indexDigest() + "\"", "application/vnd.oci.image.index.v1+json",
                "\"architecture\":\"arm64\"", "\"architecture\":\"amd64\"");
        assertThat(new Docker(daemon).run("images", "-q", registry.host() + "/it/multi").out()).as("nothing pulled").isEmpty();
        RawHttp.Response missing = RawHttp.send(daemon.socket(), "GET", "/v1.41/distribution/" + registry.host() + "/it/none:v1/json", null);
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
    }

    @Test
    void dockerPushesToTheDistributionRegistryAndPullsBack(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String ref = registry.host() + "/it/pushed:v1";
        ok(docker, "tag", "busybox:latest", ref);
        try {
            String push = ok(docker, "push", ref);
            assertThat(push).contains("The push refers to repository [" + registry.host() + "/it/pushed]", "Pushed")
                    .containsPattern("v1: digest: sha256:[0-9a-f]{64} size: [0-9]+");
            String digest = push.replaceAll("(?s).*v1: digest: (sha256:[0-9a-f]{64}).*", "$1");
            assertThat(Skopeo.run("inspect", "--raw", "--tls-verify=false", "docker://" + ref))
                    .contains("application/vnd.docker.distribution.manifest.v2+json");
            String id = ok(docker, "image", "inspect", "-f", "{{.Id}}", ref);
            ok(docker, "rmi", ref);
            docker.run("rmi", registry.host() + "/it/pushed@" + digest);
            assertThat(ok(docker, "pull", ref)).contains("Digest: " + digest);
            assertThat(ok(docker, "image", "inspect", "-f", "{{.Id}}", ref)).as("the same image came back").isEqualTo(id);
        } finally {
            docker.run("rmi", "-f", ref);
        }
    }

    @Test
    void pull_ofAnUnknownImage_failsAndStoresNothing(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String before = ok(docker, "images", "-aq", "--no-trunc");
        Docker.Result r = docker.run("pull", registry.host() + "/it/nothing:v1");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stderr()).contains("manifest unknown");
        Docker.Result tag = docker.run("pull", registry.host() + "/it/multi:nope");
        assertThat(tag.exitCode()).as(tag.toString()).isNotZero();
        assertThat(tag.stderr()).contains("not found");
        assertThat(ok(docker, "images", "-aq", "--no-trunc")).isEqualTo(before);
        Docker.Result bad = docker.run("pull", registry.host() + "/It/Upper:v1");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("invalid reference format");
    }

    @Test
    void run_pullsAMissingImageFirst(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        String ref = registry.host() + "/it/multi:v1";
        docker.run("rmi", "-f", ref);
        try {
            Docker.Result r = docker.run("run", "--rm", ref, "cat", "/platform");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stderr()).contains("Unable to find image '" + ref + "' locally");
            assertThat(r.stdout().strip()).isEqualTo("linux/amd64");
        } finally {
            docker.run("rmi", "-f", ref);
        }
    }

    @Test
    void basicAuth_loginChecksThePasswordAndPullNeedsIt(DaemonHarness daemon, @TempDir Path config) throws Exception {
        String hash = new String(new ProcessBuilder("python3", "-c",
                "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH)))")
                .start().getInputStream().readAllBytes()).strip();
        try (DistributionRegistry secured = DistributionRegistry.start(Optional.of("alice:" + hash + "\n"))) {
            Skopeo.copy("--dest-creds", "alice:s3cret", "oci:" + multi.dir() + ":v1",
                    "docker://" + secured.host() + "/team/app:v1");
            Docker docker = new Docker(daemon).withConfig(config);
            String ref = secured.host() + "/team/app:v1";
            Docker.Result anonymous = docker.run("pull", ref);
            assertThat(anonymous.exitCode()).as(anonymous.toString()).isNotZero();
            assertThat(anonymous.stderr()).contains("no basic auth credentials");

            Docker.Result wrong = docker.runWithInput("wrong\n".getBytes(), "login", "-u", "alice", "--password-stdin", secured.host());
            assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
            assertThat(wrong.stderr()).contains("401 Unauthorized");
            assertThat(Files.exists(config.resolve("config.json")) ? Files.readString(config.resolve("config.json")) : "")
                    .doesNotContain(secured.host());

            Docker.Result right = docker.runWithInput("s3cret\n".getBytes(), "login", "-u", "alice", "--password-stdin", secured.host());
            assertThat(right.exitCode()).as(right.toString()).isZero();
            assertThat(right.stdout()).contains("Login Succeeded");
            try {
                assertThat(ok(docker, "pull", ref)).contains("Status: Downloaded newer image for " + ref);
            } finally {
                docker.run("rmi", "-f", ref);
                docker.run("logout", secured.host());
            }
        }
    }

    @Test
    void berthCli_logsInPushesAndPulls(DaemonHarness daemon, @TempDir Path config) throws Exception {
        String hash = new String(new ProcessBuilder("python3", "-c",
                "import crypt; print(crypt.crypt('pw-b', crypt.mksalt(crypt.METHOD_BLOWFISH)))")
                .start().getInputStream().readAllBytes()).strip();
        try (DistributionRegistry secured = DistributionRegistry.start(Optional.of("bob:" + hash + "\n"))) {
            Docker berth = Docker.berth(daemon).withConfig(config);
            String ref = secured.host() + "/bob/app:v1";
            ok(berth, "tag", "busybox:latest", ref);
            try {
                Docker.Result anonymous = berth.run("push", ref);
                assertThat(anonymous.exitCode()).as(anonymous.toString()).isNotZero();
                assertThat(anonymous.stderr()).contains("no basic auth credentials");
                Docker.Result wrong = berth.runWithInput("nope\n".getBytes(), "login", "-u", "bob", "--password-stdin", secured.host());
                assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
                Docker.Result login = berth.runWithInput("pw-b\n".getBytes(), "login", "-u", "bob", "--password-stdin", secured.host());
                assertThat(login.exitCode()).as(login.toString()).isZero();
                assertThat(login.stdout()).contains("Login Succeeded");
                assertThat(Files.readString(config.resolve("config.json"))).contains(secured.host());

                assertThat(ok(berth, "push", ref)).contains("Pushed").containsPattern("v1: digest: sha256:[0-9a-f]{64}");
                ok(berth, "rmi", ref);
                assertThat(ok(berth, "pull", ref)).contains("Status: Downloaded newer image for " + ref);
                assertThat(ok(berth, "run", "--rm", ref, "echo", "from-berth-pull")).isEqualTo("from-berth-pull");

                assertThat(ok(berth, "logout", secured.host())).contains("Removing login credentials for " + secured.host());
                assertThat(Files.readString(config.resolve("config.json"))).doesNotContain(secured.host());
            } finally {
                berth.run("rmi", "-f", ref);
            }
        }
    }

    /** skopeo, the reference client for OCI registries, on 127.0.0.1 without TLS. */
    static final class Skopeo {
        static void copy(String... args) throws Exception {
            List<String> cmd = new java.util.ArrayList<>(List.of("copy", "--dest-tls-verify=false", "--src-tls-verify=false", "-q"));
            cmd.addAll(List.of(args));
            run(cmd.toArray(String[]::new));
        }

        /** Runs skopeo; fails the test unless it succeeds; returns what it printed. */
        static String run(String... args) throws Exception {
            List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "--insecure-policy"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
            return out;
        }
    }
}
