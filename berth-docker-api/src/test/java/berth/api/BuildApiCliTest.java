package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeBuilderService;
import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import berth.build.BuildCachePruneReport;
import berth.build.BuildRequest;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.events.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@code DOCKER_BUILDKIT=0 docker build} and {@code docker builder prune} through the real docker CLI, against a fake builder. */
@EnabledIf("berth.api.DockerCli#present")
class BuildApiCliTest {
    Path dir;
    Path socket;
    Path context;
    FakeBuilderService builder;
    DockerApiServer server;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-build-cli");
        socket = dir.resolve("run/docker.sock");
        context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(context.resolve("a.txt"), "a\n");
        FakeImageService images = new FakeImageService();
        FakeContainerService containers = new FakeContainerService(images);
        builder = new FakeBuilderService();
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers),
                new EventLog(), null, null, null, builder));
        server.start(socket);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    DockerCli.Result docker(String... args) throws Exception {
        return new DockerCli(socket, dir.resolve("cli-config")).run(args);
    }

    @Test
    void build_printsTheStreamAndSendsTheContextAsATar() throws Exception {
        DockerCli.Result r = docker("build", "-t", "x:1", "-t", "y", context.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Digest id = Digest.sha256(builder.lastContext);
        assertThat(r.out()).contains("Step 1/1 : FROM scratch\n ---> " + id.shortHex() + "\nSuccessfully built "
                + id.shortHex() + "\nSuccessfully tagged x:1\nSuccessfully tagged y\n");
        assertThat(builder.requests.getFirst().tags()).containsExactly("x:1", "y");
        assertThat(FakeBuilderService.tarNames(builder.lastContext)).contains("Dockerfile", "a.txt");
    }

    @Test
    void build_passesTheFlagsInTheQuery() throws Exception {
        Files.writeString(context.resolve("Other.dockerfile"), "FROM scratch AS s1\n");
        DockerCli.Result r = docker("build", "-f", context.resolve("Other.dockerfile").toString(), "--build-arg", "A=1",
                "--build-arg", "UNSET_IN_THE_CLIENT_ENV", "--label", "k=v", "--target", "s1", "--no-cache", "--pull",
                "--network", "none", "--add-host", "h:10.1.2.3", "--cache-from", "c:1", "--force-rm", context.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        BuildRequest req = builder.requests.getFirst();
        assertThat(req.dockerfile()).isEqualTo("Other.dockerfile");
        assertThat(req.buildArgs()).containsEntry("A", "1").containsEntry("UNSET_IN_THE_CLIENT_ENV", null);
        assertThat(req.labels()).isEqualTo(Map.of("k", "v"));
        assertThat(req.target()).contains("s1");
        assertThat(req.noCache()).isTrue();
        assertThat(req.pull()).isTrue();
        assertThat(req.networkMode()).isEqualTo("none");
        assertThat(req.extraHosts()).containsExactly("h:10.1.2.3");
        assertThat(req.cacheFrom()).containsExactly("c:1");
        assertThat(req.forceRemove()).isTrue();
    }

    @Test
    void build_quiet_printsOnlyTheId_andIidfileGetsIt() throws Exception {
        Path iid = dir.resolve("iid");
        DockerCli.Result r = docker("build", "-q", context.toString());
        DockerCli.Result r2 = docker("build", "--iidfile", iid.toString(), context.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        String id = Digest.sha256(builder.lastContext).toString();
        assertThat(r.out()).isEqualTo(id + "\n");
        assertThat(r2.exit()).as(r2.err()).isZero();
        assertThat(Files.readString(iid)).isEqualTo(id);
    }

    @Test
    void build_failingRun_exitsWithItsCode_andPrintsTheMessage() throws Exception {
        builder.script = (req, body, out) -> {
            body.readAllBytes();
            out.stream("Step 1/1 : RUN exit 7\n");
            throw BerthException.invalid("The command '/bin/sh -c exit 7' returned a non-zero code: 7");
        };
        DockerCli.Result r = docker("build", context.toString());

        assertThat(r.exit()).isEqualTo(7);
        assertThat(r.out()).contains("Step 1/1 : RUN exit 7");
        assertThat(r.err()).contains("The command '/bin/sh -c exit 7' returned a non-zero code: 7");
    }

    @Test
    void build_failingBeforeOutput_isAnErrorResponseFromTheDaemon() throws Exception {
        builder.script = (req, body, out) -> {
            body.readAllBytes();
            throw BerthException.invalid("dockerfile parse error line 1: unknown instruction: FOO");
        };
        DockerCli.Result r = docker("build", context.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error response from daemon: dockerfile parse error line 1: unknown instruction: FOO");
    }

    @Test
    void build_dockerfileFromStdin_isSentAsATarWithIt() throws Exception {
        DockerCli.Result r = new DockerCli(socket, dir.resolve("cli-config")).runWithInput("FROM scratch\nLABEL a=b\n", "build", "-");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(FakeBuilderService.tarNames(builder.lastContext)).containsExactly("Dockerfile");
        assertThat(FakeBuilderService.tarFile(builder.lastContext, "Dockerfile")).isEqualTo("FROM scratch\nLABEL a=b\n");
    }

    @Test
    void builderPrune_reportsWhatWent() throws Exception {
        builder.pruneReport = new BuildCachePruneReport(List.of("abc123"), 4096);
        DockerCli.Result r = docker("builder", "prune", "-f", "--filter", "until=24h");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Deleted build cache objects:\nabc123").contains("Total reclaimed space: 4.096kB");
        assertThat(builder.prunes.getFirst().until()).isPresent();
    }

    @Test
    void builderPruneAll_asksForEveryEntry() throws Exception {
        DockerCli.Result r = docker("builder", "prune", "-a", "-f");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Total reclaimed space: 0B");
        assertThat(builder.prunes.getFirst().all()).isTrue();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
