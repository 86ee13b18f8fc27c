package berth.distribution.pull;

import static berth.distribution.pull.TestImages.entries;
import static berth.distribution.pull.TestImages.gzipLayer;
import static berth.distribution.pull.TestImages.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import berth.distribution.DistributionService;
import berth.distribution.MediaTypes;
import berth.distribution.Platform;
import berth.distribution.RegistryHosts;
import berth.distribution.client.RegistryClient;
import berth.distribution.client.RemoteRepository;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.DefaultImageService;
import berth.image.ImageReference;
import berth.image.Progress;
import berth.image.RegistryCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's push-side operations against docker-registry: blob HEAD, uploads, cross-repository mount, manifest PUT. */
class PushOperationsTest {
    @TempDir
    static Path shared;
    static DistributionRegistry registry;
    static RegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        registry = DistributionRegistry.start(shared.resolve("registry"), Optional.empty(), Optional.empty());
        client = new RegistryClient(RegistryHosts.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private RemoteRepository repo(String path) {
        return client.repository(ImageReference.parse(registry.host() + "/" + path), RegistryCredentials.ANONYMOUS);
    }

    private static void upload(RemoteRepository repo, TestImages.Blob blob, long chunkSize) {
        repo.uploadBlob(blob.digest(), blob.data().length, () -> new ByteArrayInputStream(blob.data()), chunkSize);
    }

    @Test
    void uploads_monolithicAndChunked_thenAManifest_makeAPullableImage(@TempDir Path dataRoot) {
        byte[] noise = new byte[700_000];
        new Random(7).nextBytes(noise);
        TestImages.Layer big = gzipLayer(tar(entries("noise", new String(noise, StandardCharsets.ISO_8859_1))));
        TestImages.Layer small = gzipLayer(tar(entries("hello", "world")));
        TestImages.Image image = TestImages.image("amd64", List.of(big, small));
        RemoteRepository repo = repo("pushed/app");

        assertThat(repo.blobExists(big.blob().digest())).isFalse();
        upload(repo, big.blob(), 128 * 1024); // six PATCHes and a closing PUT
        upload(repo, small.blob(), 8 * 1024 * 1024); // one PUT
        upload(repo, image.config(), 8 * 1024 * 1024);
        assertThat(repo.blobExists(big.blob().digest())).isTrue();
        assertThat(repo.blobExists(small.blob().digest())).isTrue();

        Digest digest = repo.putManifest("v1", MediaTypes.OCI_MANIFEST, image.manifest().data());
        assertThat(digest).isEqualTo(image.manifest().digest());
        assertThat(repo.manifestDescriptor("v1")).hasValueSatisfying(d -> {
            assertThat(d.digest()).isEqualTo(digest);
            assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            assertThat(d.size()).isEqualTo(image.manifest().data().length);
        });
        assertThat(repo.manifestDescriptor("nope")).isEmpty();

        DefaultImageService images = new DefaultImageService(dataRoot);
        try (DistributionService service = new DistributionService(images, RegistryHosts.defaults(), Platform.LINUX_AMD64, dataRoot)) {
            var c = service.pull(registry.host() + "/pushed/app:v1", Optional.empty(), RegistryCredentials.ANONYMOUS,
                    Progress.Listener.NONE);
            assertThat(c.image().diffIds()).containsExactly(big.diffId(), small.diffId());
        }
    }

    @Test
    void mountBlob_linksABlobFromAnotherRepository_andDeclinesAnUnknownOne() {
        TestImages.Layer layer = gzipLayer(tar(entries("shared", "yes")));
        upload(repo("mount/source"), layer.blob(), 1 << 20);
        RemoteRepository target = repo("mount/target");

        assertThat(target.blobExists(layer.blob().digest())).isFalse();
        assertThat(target.mountBlob(layer.blob().digest(), "mount/source")).isTrue();
        assertThat(target.blobExists(layer.blob().digest())).isTrue();
        assertThat(target.mountBlob(Digest.sha256("never pushed".getBytes()), "mount/source")).isFalse();
    }

    @Test
    void putManifest_withAMissingBlob_isRefusedWithTheRegistrysWords() {
        TestImages.Image image = TestImages.image("amd64", List.of(gzipLayer(tar(entries("x", "y")))));
        assertThatThrownBy(() -> repo("pushed/broken").putManifest("v1", MediaTypes.OCI_MANIFEST, image.manifest().data()))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("blob unknown");
    }
}
