package berth.image;

import berth.content.Digest;
import java.time.Instant;
import java.util.List;

/**
 * An image as the engine knows it.
 *
 * @param id          the digest of the image config blob (Docker's image ID)
 * @param repoTags    familiar references, e.g. {@code busybox:latest}, {@code 127.0.0.1:5000/x:v1}
 * @param repoDigests e.g. {@code busybox@sha256:...}; empty for imported images
 * @param diffIds     uncompressed layer digests, base first (the config's rootfs.diff_ids)
 * @param size        total unpacked size of all layers in bytes
 * @param variant     the CPU variant of the config ({@code v8} for arm64/v8), empty when it has none
 */
public record Image(
        Digest id,
        List<String> repoTags,
        List<String> repoDigests,
        String parent,
        String comment,
        Instant created,
        String author,
        String architecture,
        String os,
        ImageConfig config,
        List<Digest> diffIds,
        List<HistoryEntry> history,
        long size,
        String variant) {

    /** An image whose config names no CPU variant. */
    public Image(Digest id, List<String> repoTags, List<String> repoDigests, String parent, String comment,
                 Instant created, String author, String architecture, String os, ImageConfig config,
                 List<Digest> diffIds, List<HistoryEntry> history, long size) {
        this(id, repoTags, repoDigests, parent, comment, created, author, architecture, os, config, diffIds, history,
                size, "");
    }

    public Image {
        variant = variant == null ? "" : variant;
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }
}
