package berth.registry.storage;

import berth.content.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Small helpers shared by the storage tests. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(bytes(s));
    }

    static Digest digestOf(String s) {
        return Digest.sha256(bytes(s));
    }

    /** Pushes {@code content} as a blob into {@code repo} in one request, as {@code POST} then {@code PUT} do. */
    static Digest pushBlob(RegistryStorage storage, RepositoryName repo, String content) {
        UploadStatus upload = storage.uploads().start(repo);
        return storage.uploads().finish(repo, upload.id(), digestOf(content), Optional.of(stream(content)));
    }
}
