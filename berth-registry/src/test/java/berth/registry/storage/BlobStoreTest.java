package berth.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {
    private static final RepositoryName REPO = RepositoryName.of("r");

    @TempDir
    Path root;

    private BlobStore blobs;
    private Digest digest;

    @BeforeEach
    void pushOneBlob() {
        RegistryStorage storage = RegistryStorage.open(root, StorageConfig.defaults());
        blobs = storage.blobs();
        digest = Fixtures.pushBlob(storage, REPO, "0123456789");
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void stat_givesTheSizeOfStoredBlobsOnly() {
        assertThat(blobs.exists(digest)).isTrue();
        assertThat(blobs.stat(digest)).hasValue(10);
        assertThat(blobs.stat(Fixtures.digestOf("absent"))).isEmpty();
    }

    @Test
    void open_withARange_givesExactlyThoseBytes() throws IOException {
        assertThat(read(blobs.open(digest, ByteRange.of(2, 4)))).isEqualTo("234");
        assertThat(read(blobs.open(digest, ByteRange.from(7)))).isEqualTo("789");
        assertThat(read(blobs.open(digest, ByteRange.of(8, 100)))).isEqualTo("89");
    }

    @Test
    void open_withARangePastTheEnd_isNotSatisfiable() {
        assertThatThrownBy(() -> blobs.open(digest, ByteRange.from(10)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.RANGE_NOT_SATISFIABLE));
        assertThatThrownBy(() -> ByteRange.of(5, 4))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.RANGE_NOT_SATISFIABLE));
    }

    @Test
    void open_ofAnUnknownBlob_failsWithBlobUnknown() {
        assertThatThrownBy(() -> blobs.open(Fixtures.digestOf("absent")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.BLOB_UNKNOWN));
    }

    @Test
    void delete_removesTheBlobOnce() {
        assertThat(blobs.delete(digest)).isTrue();
        assertThat(blobs.delete(digest)).isFalse();
        assertThat(blobs.exists(digest)).isFalse();
        assertThat(blobs.list()).isEmpty();
    }
}
