package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeBuilderService;
import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import berth.api.fake.FakeNetworkService;
import berth.build.BuildCachePruneReport;
import berth.build.BuildCacheRecord;
import berth.events.EventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@code docker system df} and {@code docker system prune} (container prune, then the build cache's) through the real CLI, against fakes. */
@EnabledIf("berth.api.DockerCli#present")
class SystemApiCliTest {
    Path dir;
    Path socket;
    FakeImageService images;
    FakeContainerService containers;
    FakeBuilderService builder;
    DockerApiServer server;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-system-cli");
        socket = dir.resolve("run/docker.sock");
        images = new FakeImageService();
        containers = new FakeContainerService(images);
        builder = new FakeBuilderService();
        images.add("img:latest", List.of("echo", "hi"));
        images.add("other:1", List.of("sh"));
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers), new EventLog(),
                null, new FakeNetworkService(), null, builder));
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
    void systemDf_countsImagesContainersAndTheBuildCache() throws Exception {
        assertThat(docker("create", "--name", "c1", "img").exit()).isZero();
        builder.cache = List.of(
                new BuildCacheRecord("aaa", Optional.empty(), "regular", "RUN make", false, false, 2_000_000,
                        Instant.parse("2024-01-01T00:00:00Z"), Optional.of(Instant.parse("2024-01-02T00:00:00Z")), 3),
                new BuildCacheRecord("bbb", Optional.of("aaa"), "regular", "COPY . /src", true, false, 500_000,
                        Instant.parse("2024-01-01T00:00:00Z"), Optional.empty(), 1));
        DockerCli.Result r = docker("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Images 2 1 ").contains("Containers 1 0 ").contains("Build Cache 2 1 2.5MB 2MB");
    }

    @Test
    void systemDfVerbose_listsTheCacheEntries() throws Exception {
        builder.cache = List.of(new BuildCacheRecord("0123456789abcdef", Optional.empty(), "regular", "RUN make", false, true, 42,
                Instant.parse("2024-01-01T00:00:00Z"), Optional.empty(), 1));
        DockerCli.Result r = docker("system", "df", "-v");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Build cache usage: 0B").contains("0123456789ab").contains("regular");
    }

    @Test
    void systemPrune_removesStoppedContainers_andPrunesTheBuildCache() throws Exception {
        containers.keepRunning = true;
        assertThat(docker("create", "--name", "gone", "img").exit()).isZero();
        assertThat(docker("run", "-d", "--name", "kept", "img").exit()).isZero();
        builder.pruneReport = new BuildCachePruneReport(List.of("aaa"), 2_000_000);
        DockerCli.Result r = docker("system", "prune", "-f");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Deleted Containers:").contains("Deleted build cache objects:\naaa")
                .contains("Total reclaimed space: 2MB");
        assertThat(containers.list(new berth.container.ContainerFilter(true, java.util.OptionalInt.empty(), List.of(), List.of(),
                List.of(), List.of(), List.of())).stream().map(c -> c.name())).containsExactly("kept");
        assertThat(builder.prunes).hasSize(1);
    }

    @Test
    void containerPrune_withLabelFilters() throws Exception {
        assertThat(docker("create", "--name", "aa", "--label", "keep=1", "img").exit()).isZero();
        assertThat(docker("create", "--name", "bb", "img").exit()).isZero();
        DockerCli.Result r = docker("container", "prune", "-f", "--filter", "label!=keep=1");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(containers.list(new berth.container.ContainerFilter(true, java.util.OptionalInt.empty(), List.of(), List.of(),
                List.of(), List.of(), List.of())).stream().map(c -> c.name())).containsExactly("aa");
        assertThat(docker("container", "prune", "-f", "--filter", "color=red").err()).contains("invalid filter 'color'");
    }
}
