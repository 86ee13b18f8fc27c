package berth.registry.storage;

import static berth.registry.storage.Fixtures.digestOf;
import static berth.registry.storage.Fixtures.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadsTest {
    private static final RepositoryName REPO = RepositoryName.of("library/busybox");

    @TempDir
    Path root;

    private final TestClock clock = new TestClock();

    private RegistryStorage open() {
        return RegistryStorage.open(root, StorageConfig.defaults().withClock(clock).withMaxBlobSize(16));
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void finish_storesTheBlobUnderItsDigestAndLinksItIntoTheRepository() throws IOException {
        RegistryStorage storage = open();
        Digest digest = Fixtures.pushBlob(storage, REPO, "hello");

        Path blobFile = root.resolve("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
        assertThat(blobFile).hasContent("hello");
        assertThat(read(storage.repositories().openBlob(REPO, digest, Optional.empty()))).isEqualTo("hello");
        assertThat(root.resolve("uploads")).isEmptyDirectory();
    }

    @Test
    void append_withWrongOffset_failsAndKeepsTheBytesSoFar() throws IOException {
        RegistryStorage storage = open();
        Uploads uploads = storage.uploads();
        String id = uploads.start(REPO).id();
        assertThat(uploads.append(REPO, id, OptionalLong.of(0), stream("hel")).offset()).isEqualTo(3);

        for (long wrong : new long[] {0, 2, 4}) {
            assertThatThrownBy(() -> uploads.append(REPO, id, OptionalLong.of(wrong), stream("lo")))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(RegistryError.UPLOAD_OFFSET_MISMATCH))
                    .hasMessageContaining("holds 3 bytes");
        }
        assertThat(uploads.status(REPO, id).offset()).isEqualTo(3);

        uploads.append(REPO, id, OptionalLong.of(3), stream("lo"));
        Digest digest = uploads.finish(REPO, id, digestOf("hello"), Optional.empty());
        assertThat(read(storage.blobs().open(digest))).isEqualTo("hello");
    }

    @Test
    void append_withoutOffset_addsAtTheEnd() throws IOException {
        RegistryStorage storage = open();
        Uploads uploads = storage.uploads();
        String id = uploads.start(REPO).id();
        uploads.append(REPO, id, OptionalLong.empty(), stream("ab"));
        uploads.append(REPO, id, OptionalLong.empty(), stream("cd"));

        Digest digest = uploads.finish(REPO, id, digestOf("abcdef"), Optional.of(stream("ef")));

        assertThat(read(storage.blobs().open(digest))).isEqualTo("abcdef");
    }

    @Test
    void session_survivesReopeningTheStore() throws IOException {
        String id;
        {
            RegistryStorage first = open();
            id = first.uploads().start(REPO).id();
            first.uploads().append(REPO, id, OptionalLong.of(0), stream("hel"));
        }
        RegistryStorage second = open();

        assertThat(second.uploads().status(REPO, id).offset()).isEqualTo(3);
        second.uploads().append(REPO, id, OptionalLong.of(3), stream("lo"));
        Digest digest = second.uploads().finish(REPO, id, digestOf("hello"), Optional.empty());
        assertThat(read(second.blobs().open(digest))).isEqualTo("hello");
    }

    @Test
    void finish_withWrongDigest_leavesNoBlobAndKeepsStoredOnes() throws IOException {
        RegistryStorage storage = open();
        Digest stored = Fixtures.pushBlob(storage, REPO, "stored");
        String id = storage.uploads().start(REPO).id();

        // The client claims the upload is "stored" but sends other bytes.
        assertThatThrownBy(() -> storage.uploads().finish(REPO, id, stored, Optional.of(stream("forged"))))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.DIGEST_INVALID));

        assertThat(storage.blobs().list()).containsExactly(stored);
        assertThat(read(storage.blobs().open(stored))).isEqualTo("stored");
        assertThat(storage.blobs().exists(digestOf("forged"))).isFalse();
        assertThatThrownBy(() -> storage.uploads().status(REPO, id))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.BLOB_UPLOAD_UNKNOWN));
    }

    @Test
    void append_beyondTheSizeLimit_failsAndCutsTheChunkBack() {
        RegistryStorage storage = open();
        Uploads uploads = storage.uploads();
        String id = uploads.start(REPO).id();
        uploads.append(REPO, id, OptionalLong.of(0), stream("0123456789"));

        assertThatThrownBy(() -> uploads.append(REPO, id, OptionalLong.of(10), stream("0123456789")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.TOO_LARGE));

        assertThat(uploads.status(REPO, id).offset()).isEqualTo(10);
    }

    @Test
    void append_whoseStreamBreaks_leavesTheUploadAsBeforeTheChunk() {
        RegistryStorage storage = open();
        Uploads uploads = storage.uploads();
        String id = uploads.start(REPO).id();
        uploads.append(REPO, id, OptionalLong.of(0), stream("abc"));
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 2) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> uploads.append(REPO, id, OptionalLong.of(3), breaking)).hasMessageContaining("connection reset");

        assertThat(uploads.status(REPO, id).offset()).isEqualTo(3);
    }

    @Test
    void cancel_endsTheSession() {
        RegistryStorage storage = open();
        String id = storage.uploads().start(REPO).id();
        storage.uploads().append(REPO, id, OptionalLong.of(0), stream("abc"));

        storage.uploads().cancel(REPO, id);

        assertThatThrownBy(() -> storage.uploads().status(REPO, id))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.BLOB_UPLOAD_UNKNOWN));
        assertThat(root.resolve("uploads")).isEmptyDirectory();
    }

    @Test
    void session_isUnknownUnderAnotherRepositoryOrAMalformedId() {
        RegistryStorage storage = open();
        String id = storage.uploads().start(REPO).id();

        for (var attempt : new Runnable[] {
                () -> storage.uploads().status(RepositoryName.of("other"), id),
                () -> storage.uploads().status(REPO, "../../blobs"),
                () -> storage.uploads().append(REPO, "nope", OptionalLong.empty(), stream("x"))}) {
            assertThatThrownBy(attempt::run)
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(RegistryError.BLOB_UPLOAD_UNKNOWN));
        }
    }

    @Test
    void finish_ofABlobAlreadyStored_keepsOneCopyAndLinksIt() throws IOException {
        RegistryStorage storage = open();
        Digest digest = Fixtures.pushBlob(storage, REPO, "same");
        RepositoryName other = RepositoryName.of("other");

        Fixtures.pushBlob(storage, other, "same");

        assertThat(storage.blobs().list()).containsExactly(digest);
        assertThat(read(storage.repositories().openBlob(other, digest, Optional.empty()))).isEqualTo("same");
    }

    @Test
    void purge_endsSessionsIdleSinceTheCutoff() throws IOException {
        RegistryStorage storage = open();
        String old = storage.uploads().start(REPO).id();
        FileTime longAgo = FileTime.from(clock.instant().minus(Duration.ofDays(2)));
        Files.setLastModifiedTime(root.resolve("uploads").resolve(old).resolve("data"), longAgo);
        Files.setLastModifiedTime(root.resolve("uploads").resolve(old), longAgo);
        String fresh = storage.uploads().start(REPO).id();

        int purged = storage.uploads().purgeIdleBefore(clock.instant().minus(Duration.ofDays(1)));

        assertThat(purged).isEqualTo(1);
        assertThat(root.resolve("uploads")).isDirectoryNotContaining(p -> p.getFileName().toString().equals(old));
        assertThat(storage.uploads().status(REPO, fresh).offset()).isZero();
    }
}
