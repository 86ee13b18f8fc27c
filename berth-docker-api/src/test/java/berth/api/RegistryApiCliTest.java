package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import berth.api.fake.FakeRegistryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The real docker CLI's pull, push, login and run-with-pull against the API with a fake registry service. */
@EnabledIf("berth.api.DockerCli#present")
class RegistryApiCliTest {
    Path dir;
    Path socket;
    FakeImageService images;
    FakeRegistryService registries;
    DockerApiServer server;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-registry-cli");
        socket = dir.resolve("run/docker.sock");
        images = new FakeImageService();
        FakeContainerService containers = new FakeContainerService(images);
        images.add("127.0.0.1:5000/team/app:v1", List.of("sh"));
        registries = new FakeRegistryService(images);
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers),
                new berth.events.EventLog(), null, null, registries));
        server.start(socket);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    DockerCli cli() {
        return new DockerCli(socket, dir.resolve("cli-config"));
    }

    @Test
    void dockerPull_printsDockersLinesAndTheReference() throws Exception {
        DockerCli.Result r = cli().run("pull", "127.0.0.1:5000/team/new:v2");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("v2: Pulling from 127.0.0.1:5000/team/new")
                .contains("0123456789ab: Pull complete")
                .contains("Status: Downloaded newer image for 127.0.0.1:5000/team/new:v2")
                .endsWith("127.0.0.1:5000/team/new:v2\n");
        assertThat(registries.pulled).containsExactly("127.0.0.1:5000/team/new:v2");
    }

    @Test
    void dockerPull_unknownManifest_printsTheDaemonsMessage() throws Exception {
        DockerCli.Result r = cli().run("pull", "missing:v1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error response from daemon: manifest for missing:v1 not found");
    }

    @Test
    void dockerPull_failingMidStream_printsTheError() throws Exception {
        DockerCli.Result r = cli().run("pull", "broken:v1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("digest mismatch for layer");
    }

    @Test
    void dockerRun_pullsAMissingImageThenRuns() throws Exception {
        DockerCli.Result r = cli().run("create", "127.0.0.1:5000/team/fresh:v3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Unable to find image '127.0.0.1:5000/team/fresh:v3' locally")
                .contains("v3: Pulling from 127.0.0.1:5000/team/fresh");
        assertThat(registries.pulled).containsExactly("127.0.0.1:5000/team/fresh:v3");
    }

    @Test
    void dockerPush_printsDockersLines() throws Exception {
        DockerCli.Result r = cli().run("push", "127.0.0.1:5000/team/app:v1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("The push refers to repository [127.0.0.1:5000/team/app]")
                .contains("0123456789ab: Pushed").contains("v1: digest: sha256:").contains("size: 527");
    }

    @Test
    void dockerLogin_thenPull_sendsTheStoredCredentials() throws Exception {
        DockerCli.Result bad = cli().runWithInput("wrong\n", "login", "-u", "me", "--password-stdin", "127.0.0.1:5000");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("401 Unauthorized");

        DockerCli.Result ok = cli().runWithInput("secret\n", "login", "-u", "me", "--password-stdin", "127.0.0.1:5000");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Login Succeeded");

        DockerCli.Result pull = cli().run("pull", "127.0.0.1:5000/team/private:v1");
        assertThat(pull.exit()).as(pull.err()).isZero();
        assertThat(registries.credentials.getLast().username()).isEqualTo("me");
        assertThat(registries.credentials.getLast().password()).isEqualTo("secret");
    }
}
