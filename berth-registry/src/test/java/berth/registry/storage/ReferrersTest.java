package berth.registry.storage;

import static berth.registry.storage.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferrersTest {
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";

    @TempDir
    Path root;

    @Test
    void referrers_listsManifestsNamingTheSubject_andForgetsDeletedOnes() {
        RegistryStorage storage = RegistryStorage.open(root, StorageConfig.defaults());
        RepositoryName repo = RepositoryName.of("app");
        Digest config = Fixtures.pushBlob(storage, repo, "{}");
        Digest subject = storage.repositories().putManifest(repo, Reference.parse("v1"), bytes("{\"m\":1}"), OCI, List.of(config));
        Digest sig = storage.repositories().putManifest(repo, Reference.parse("sig"), bytes("{\"m\":2}"), OCI, List.of(config), Optional.of(subject));
        Digest sbom = storage.repositories().putManifest(repo, Reference.parse("sbom"), bytes("{\"m\":3}"), OCI, List.of(config), Optional.of(subject));
        Digest unrelated = Digest.sha256(bytes("unpushed"));
        // The subject need not exist (the spec: accept referrers before their subject).
        Digest early = storage.repositories().putManifest(repo, Reference.parse("early"), bytes("{\"m\":4}"), OCI, List.of(config), Optional.of(unrelated));

        assertThat(storage.repositories().referrers(repo, subject)).containsExactlyInAnyOrder(sig, sbom);
        assertThat(storage.repositories().referrers(repo, unrelated)).containsExactly(early);
        assertThat(storage.repositories().referrers(RepositoryName.of("other"), subject)).isEmpty();

        storage.repositories().deleteManifest(repo, sig);
        assertThat(storage.repositories().referrers(repo, subject)).containsExactly(sbom);
    }
}
