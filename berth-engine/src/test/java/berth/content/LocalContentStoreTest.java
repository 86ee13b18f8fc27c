package berth.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalContentStoreTest {
    @TempDir
    Path root;

    @Test
    void ingest_storesBlobUnderItsDigestAndReadsItBack() throws Exception {
        LocalContentStore store = new LocalContentStore(root);
        byte[] data = "hello".getBytes();
        ContentInfo info = store.ingest(new ByteArrayInputStream(data), Optional.of(Digest.sha256(data)));
        assertThat(info).isEqualTo(new ContentInfo(Digest.sha256(data), 5));
        assertThat(root.resolve("content/blobs/sha256/" + info.digest().hex())).hasBinaryContent(data);
        try (InputStream in = store.open(info.digest())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(store.info(info.digest())).hasValue(info);
        assertThat(store.list()).containsExactly(info);
    }

    @Test
    void ingest_withWrongExpectedDigestStoresNothing() throws Exception {
        LocalContentStore store = new LocalContentStore(root);
        Digest other = Digest.sha256("other".getBytes());
        assertThatThrownBy(() -> store.ingest(new ByteArrayInputStream("hello".getBytes()), Optional.of(other)))
                .isInstanceOf(BerthException.class).hasMessageContaining("digest mismatch")
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
        assertThat(store.list()).isEmpty();
        try (Stream<Path> s = Files.list(root.resolve("content/ingest"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void writer_canBeReadBackBeforeCommitAndDiscardedOnClose() throws Exception {
        LocalContentStore store = new LocalContentStore(root);
        try (ContentWriter w = store.writer()) {
            w.stream().write("staged".getBytes());
            ContentInfo info = w.finish();
            try (InputStream in = w.reopen()) {
                assertThat(in.readAllBytes()).isEqualTo("staged".getBytes());
            }
            assertThat(store.info(info.digest())).isEmpty();
        }
        assertThat(store.list()).isEmpty();
    }

    @Test
    void open_ofMissingBlobIsNotFound() {
        LocalContentStore store = new LocalContentStore(root);
        assertThatThrownBy(() -> store.open(Digest.sha256(new byte[0])))
                .isInstanceOf(BerthException.class)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void delete_removesBlobAndToleratesAbsence() {
        LocalContentStore store = new LocalContentStore(root);
        ContentInfo info = store.ingest(new ByteArrayInputStream("x".getBytes()), Optional.empty());
        store.delete(info.digest());
        store.delete(info.digest());
        assertThat(store.info(info.digest())).isEmpty();
    }
}
