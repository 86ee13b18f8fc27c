package berth.registry.storage;

import berth.content.Digest;
import java.nio.file.Path;

/** Where everything lives under the registry's root; the package doc describes the tree. */
record StorageLayout(Path root) {
    Path blobs() {
        return root.resolve("blobs").resolve("sha256");
    }

    Path blob(Digest digest) {
        return blobs().resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    Path uploads() {
        return root.resolve("uploads");
    }

    Path upload(String id) {
        return uploads().resolve(id);
    }

    Path repositories() {
        return root.resolve("repositories");
    }

    /** Safe: a validated name has no empty, "." or ".." components. */
    Path repository(RepositoryName name) {
        return repositories().resolve(name.value());
    }

    Path blobLinks(RepositoryName name) {
        return repository(name).resolve("_layers").resolve("sha256");
    }

    Path blobLink(RepositoryName name, Digest digest) {
        return blobLinks(name).resolve(digest.hex());
    }

    Path revisions(RepositoryName name) {
        return repository(name).resolve("_manifests").resolve("revisions").resolve("sha256");
    }

    Path revision(RepositoryName name, Digest digest) {
        return revisions(name).resolve(digest.hex());
    }

    Path tags(RepositoryName name) {
        return repository(name).resolve("_manifests").resolve("tags");
    }

    Path tag(RepositoryName name, Tag tag) {
        return tags(name).resolve(tag.value());
    }

    /** The manifests whose {@code subject} is {@code subject}: one empty file per referrer, named by its hex. */
    Path referrers(RepositoryName name, Digest subject) {
        return repository(name).resolve("_manifests").resolve("referrers").resolve("sha256").resolve(subject.hex());
    }

    Path referrer(RepositoryName name, Digest subject, Digest referrer) {
        return referrers(name, subject).resolve(referrer.hex());
    }
}
