package berth.distribution.pull;

import static berth.distribution.pull.TestImages.entries;
import static berth.distribution.pull.TestImages.gzipLayer;
import static berth.distribution.pull.TestImages.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.distribution.DistributionService;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.DefaultImageService;
import berth.image.Image;
import berth.image.ImageFilter;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code docker pull -a}: every tag the registry lists, across its {@code Link} pages. */
class PullAllTagsTest {
    @TempDir
    Path dataRoot;
    FakeRegistry registry;
    DistributionService service;
    DefaultImageService images;

    @BeforeEach
    void open() throws IOException {
        registry = new FakeRegistry();
        images = new DefaultImageService(dataRoot);
        service = new DistributionService(images, RegistryHosts.defaults(), Platform.LINUX_AMD64, dataRoot);
    }

    @AfterEach
    void close() {
        service.close();
        registry.close();
    }

    @Test
    void pullAllTags_followsTheTagListPagesAndPullsEach() {
        registry.serve("team/app", "one", TestImages.image("amd64", List.of(gzipLayer(tar(entries("one", "1"))))));
        registry.serve("team/app", "two", TestImages.image("amd64", List.of(gzipLayer(tar(entries("two", "2"))))));
        registry.on("/v2/team/app/tags/list", ex -> {
            boolean first = ex.getRequestURI().getQuery() == null;
            if (first) {
                ex.getResponseHeaders().add("Link", "</v2/team/app/tags/list?n=1&last=one>; rel=\"next\"");
            }
            String body = "{\"name\":\"team/app\",\"tags\":[\"" + (first ? "one" : "two") + "\"]}";
            FakeRegistry.send(ex, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        });

        var pulled = service.pullAllTags(registry.host() + "/team/app", Optional.empty(), RegistryCredentials.ANONYMOUS,
                Progress.Listener.NONE);

        assertThat(pulled).hasSize(2);
        assertThat(images.list(ImageFilter.none()).stream().flatMap(i -> i.repoTags().stream()).sorted().toList())
                .containsExactly(registry.host() + "/team/app:one", registry.host() + "/team/app:two");
        assertThat(registry.requests()).filteredOn(r -> r.path().endsWith("/tags/list")).hasSize(2);
    }

    @Test
    void pullAllTags_ofARepositoryWithoutTags_isNotFoundAndStoresNothing() {
        registry.on("/v2/team/empty/tags/list", ex -> FakeRegistry.send(ex, 200, "application/json",
                "{\"name\":\"team/empty\",\"tags\":null}".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> service.pullAllTags(registry.host() + "/team/empty", Optional.empty(),
                RegistryCredentials.ANONYMOUS, Progress.Listener.NONE))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("no tags");
        assertThat(images.list(ImageFilter.none())).extracting(Image::id).isEmpty();
    }
}
