package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth's registry server ({@code berth registry serve}, its own process) against real clients: the
 * docker CLI through berth's daemon pushes to it and pulls back (with "Layer already exists" and
 * cross-repository mounts on the way), skopeo copies a two-platform index in and out, htpasswd and
 * token auth with per-repository rules and anonymous pull, and garbage collection while pushes run.
 */
@ExtendWith(SharedDaemon.class)
class RegistryServerTest {

    private static String ok(Docker d, String... args) throws Exception {
        Docker.Result r = d.run(args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private static String skopeo(String... args) throws Exception {
        return RegistryPullTest.Skopeo.run(args);
    }

    @Test
    void dockerPushesAndPullsBack(DaemonHarness daemon) throws Exception {
        Docker docker = new Docker(daemon);
        try (BerthRegistry registry = BerthRegistry.start()) {
            String ref = registry.host() + "/it/bb:v1";
            ok(docker, "tag", "busybox:latest", ref);
            try {
                String push = ok(docker, "push", ref);
                assertThat(push).contains("The push refers to repository [" + registry.host() + "/it/bb]", "Pushed")
                        .containsPattern("v1: digest: sha256:[0-9a-f]{64} size: [0-9]+");
                String digest = push.replaceAll("(?s).*v1: digest: (sha256:[0-9a-f]{64}).*", "$1");
                assertThat(ok(docker, "image", "inspect", "-f", "{{join .RepoDigests \",\"}}", ref))
                        .contains(registry.host() + "/it/bb@" + digest);
                assertThat(ok(docker, "push", ref)).as("second push").contains("Layer already exists").doesNotContain("Pushed");

                String other = registry.host() + "/it/other:v2";
                ok(docker, "tag", ref, other);
                assertThat(ok(docker, "push", other)).contains("Mounted from it/bb");

                ok(docker, "rmi", ref, other);
                ok(docker, "rmi", "-f", registry.host() + "/it/bb@" + digest);
                assertThat(ok(docker, "pull", ref)).contains("Digest: " + digest);
                assertThat(ok(docker, "run", "--rm", ref, "echo", "round-trip")).isEqualTo("round-trip");
                assertThat(skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + ref).strip())
                        .isEqualTo(digest);
                assertThat(skopeo("list-tags", "--tls-verify=false", "docker://" + registry.host() + "/it/bb")).contains("\"v1\"");
            } finally {
                docker.run("rmi", "-f", ref);
                docker.run("rmi", "-f", registry.host() + "/it/other:v2");
            }
        }
    }

    @Test
    void skopeoCopiesATwoPlatformIndexInAndOut(DaemonHarness daemon, @TempDir Path tmp) throws Exception {
        OciLayout.Written multi = OciLayout.write(tmp.resolve("in"), "v1", "linux/amd64", "linux/arm64/v8");
        try (BerthRegistry registry = BerthRegistry.start()) {
            String remote = "docker://" + registry.host() + "/it/multi:v1";
            skopeo("copy", "-q", "--all", "--dest-tls-verify=false", "oci:" + multi.dir() + ":v1", remote);
            assertThat(skopeo("inspect", "--tls-verify=false", "--raw", remote)).contains("\"linux\"", "\"arm64\"", "\"amd64\"");
            skopeo("copy", "-q", "--all", "--src-tls-verify=false", remote, "oci:" + tmp.resolve("out") + ":v1");
            assertThat(Files.readString(tmp.resolve("out/index.json"))).contains(multi.indexDigest());

            Docker docker = new Docker(daemon);
            String ref = registry.host() + "/it/multi:v1";
            try {
                ok(docker, "pull", "--platform", "linux/arm64", ref);
                assertThat(ok(docker, "run", "--rm", ref, "cat", "/platform")).isEqualTo("linux/arm64/v8");
            } finally {
                docker.run("rmi", "-f", ref);
            }
        }
    }

    @Test
    void tokenAuth_rulesPerRepositoryAndAnonymousPull(DaemonHarness daemon, @TempDir Path config) throws Exception {
        Path dir = Files.createTempDirectory("berth-it-breg-");
        String hash = new String(new ProcessBuilder("python3", "-c",
                "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH)))")
                .start().getInputStream().readAllBytes()).strip();
        Files.writeString(dir.resolve("htpasswd"), "alice:" + hash + "\nbob:" + hash + "\n");
        Files.write(dir.resolve("token.key"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33});
        String yaml = """
                auth:
                  htpasswd: htpasswd
                  token: {issuer: berth-it, service: berth-it-registry, key: token.key}
                  access:
                    - {repository: "public/*", anonymousPull: true, pull: ["*"], push: [alice]}
                    - {repository: "private/*", pull: [alice], push: [alice]}
                """;
        try (BerthRegistry registry = BerthRegistry.start(dir, Optional.of(yaml))) {
            Docker alice = new Docker(daemon).withConfig(config.resolve("alice"));
            Docker bob = new Docker(daemon).withConfig(config.resolve("bob"));
            Docker anonymous = new Docker(daemon).withConfig(config.resolve("anonymous"));
            String pub = registry.host() + "/public/bb:v1";
            String priv = registry.host() + "/private/bb:v1";
            ok(alice, "tag", "busybox:latest", pub);
            ok(alice, "tag", "busybox:latest", priv);
            try {
                Docker.Result refused = anonymous.run("push", pub);
                assertThat(refused.exitCode()).as("anonymous push").isNotZero();

                Docker.Result wrong = alice.runWithInput("nope\n".getBytes(), "login", "-u", "alice", "--password-stdin", registry.host());
                assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
                assertThat(alice.runWithInput("s3cret\n".getBytes(), "login", "-u", "alice", "--password-stdin", registry.host())
                        .stdout()).contains("Login Succeeded");
                assertThat(bob.runWithInput("s3cret\n".getBytes(), "login", "-u", "bob", "--password-stdin", registry.host())
                        .stdout()).contains("Login Succeeded");
                assertThat(ok(alice, "push", pub)).contains("Pushed");
                assertThat(ok(alice, "push", priv)).containsAnyOf("Pushed", "Mounted from public/bb", "Layer already exists");

                ok(alice, "rmi", pub, priv);
                assertThat(ok(anonymous, "pull", pub)).as("anonymous pull of public/*").contains("Downloaded newer image");
                Docker.Result anonPriv = anonymous.run("pull", priv);
                assertThat(anonPriv.exitCode()).as(anonPriv.toString()).isNotZero();
                Docker.Result bobPriv = bob.run("pull", priv);
                assertThat(bobPriv.exitCode()).as("bob may not pull private/*: " + bobPriv).isNotZero();
                Docker.Result bobPush = bob.run("push", pub);
                assertThat(bobPush.exitCode()).as("bob may not push public/*: " + bobPush).isNotZero();
                assertThat(ok(alice, "pull", priv)).contains("Downloaded newer image");
            } finally {
                for (String r : List.of(pub, priv)) {
                    alice.run("rmi", "-f", r);
                }
            }
        } finally {
            DaemonHarness.deleteTree(dir);
        }
    }

    /**
     * Garbage collection every 50 ms with no grace period while eight images are pushed at once. A push
     * whose blobs a collection took before its manifest came fails cleanly (MANIFEST_BLOB_UNKNOWN), and
     * the client pushes again, as clients do; in the end every push is in and everything each manifest
     * names can be copied back out: nothing a stored manifest references was lost.
     */
    @Test
    void garbageCollectionDuringConcurrentPushes_losesNothing(@TempDir Path tmp) throws Exception {
        List<OciLayout.Written> images = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            images.add(OciLayout.write(tmp.resolve("img" + i), "v1", "linux/amd64", "linux/arm" + i + "/v7"));
        }
        try (BerthRegistry registry = BerthRegistry.start(Optional.of("gc: {interval: 50ms, grace: 0s}\n"))) {
            List<CompletableFuture<String>> pushes = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                OciLayout.Written img = images.get(i);
                String dest = "docker://" + registry.host() + "/gc/img" + i + ":v1";
                pushes.add(CompletableFuture.supplyAsync(() -> {
                    String last = "";
                    for (int attempt = 0; attempt < 20; attempt++) {
                        try {
                            Process p = new ProcessBuilder("skopeo", "--insecure-policy", "copy", "-q", "--all",
                                    "--dest-tls-verify=false", "oci:" + img.dir() + ":v1", dest).redirectErrorStream(true).start();
                            last = new String(p.getInputStream().readAllBytes());
                            if (p.waitFor() == 0) {
                                return "ok";
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return last;
                }));
            }
            for (int i = 0; i < pushes.size(); i++) {
                assertThat(pushes.get(i).join()).as("push " + i + " (20 attempts)").isEqualTo("ok");
            }
            for (int i = 0; i < pushes.size(); i++) {
                skopeo("copy", "-q", "--all", "--src-tls-verify=false",
                        "docker://" + registry.host() + "/gc/img" + i + ":v1", "oci:" + tmp.resolve("back" + i) + ":v1");
                assertThat(Files.readString(tmp.resolve("back" + i + "/index.json"))).contains(images.get(i).indexDigest());
            }
            assertThat(registry.log()).contains("garbage collection: deleted");
        }
    }
}
