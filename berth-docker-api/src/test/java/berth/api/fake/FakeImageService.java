package berth.api.fake;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.image.HistoryEntry;
import berth.image.Image;
import berth.image.ImageConfig;
import berth.image.ImageDeleteResult;
import berth.image.ImageFilter;
import berth.image.ImagePruneReport;
import berth.image.ImageService;
import berth.image.Progress;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory image store for testing the HTTP adapter; "tarballs" are read as plain text. */
public final class FakeImageService implements ImageService {
    private final Map<Digest, Image> byId = new ConcurrentHashMap<>();

    public Image add(String tag, List<String> cmd) {
        Digest id = Digest.sha256(tag.getBytes(StandardCharsets.UTF_8));
        ImageConfig cfg = new ImageConfig(Optional.empty(), List.of("PATH=/bin"), Optional.empty(), Optional.of(cmd),
                Optional.empty(), Map.of("maintainer", "tests"), List.of("80/tcp"), List.of(), Optional.empty());
        Image img = new Image(id, List.of(tag), List.of(), "", "", Instant.parse("2024-01-02T03:04:05.5Z"), "", "amd64",
                "linux", cfg, List.of(Digest.sha256(("layer" + tag).getBytes(StandardCharsets.UTF_8))),
                List.of(new HistoryEntry(Optional.of(Instant.parse("2024-01-02T03:04:05Z")), "ADD rootfs /", "", false),
                        new HistoryEntry(Optional.of(Instant.parse("2024-01-02T03:04:05Z")), "CMD " + cmd, "", true)),
                1234);
        byId.put(id, img);
        return img;
    }

    @Override
    public List<Image> list(ImageFilter filter) {
        return byId.values().stream()
                .filter(i -> filter.dangling().map(d -> d == i.repoTags().isEmpty()).orElse(true))
                .filter(i -> ImageService.labelsMatch(filter.labels(), i.config().labels()))
                .filter(i -> filter.references().isEmpty() || i.repoTags().stream().anyMatch(t -> filter.references().stream()
                        .anyMatch(r -> t.matches(r.replace(".", "\\.").replace("*", ".*")))))
                .toList();
    }

    @Override
    public Image inspect(String reference) {
        String ref = reference.contains(":") || reference.startsWith("sha256") ? reference : reference + ":latest";
        for (Image i : byId.values()) {
            if (i.repoTags().contains(ref) || i.id().toString().equals(reference) || i.id().hex().startsWith(reference)) {
                return i;
            }
        }
        throw BerthException.notFound("No such image: " + reference);
    }

    @Override
    public void tag(String reference, String repository, String tag) {
        Image i = inspect(reference);
        List<String> tags = new ArrayList<>(i.repoTags());
        tags.add(repository + ":" + (tag.isEmpty() ? "latest" : tag));
        byId.put(i.id(), new Image(i.id(), tags, i.repoDigests(), i.parent(), i.comment(), i.created(), i.author(),
                i.architecture(), i.os(), i.config(), i.diffIds(), i.history(), i.size()));
    }

    @Override
    public List<ImageDeleteResult> remove(String reference, boolean force, boolean noPrune, ImageUsage usedBy) {
        Image i = inspect(reference);
        byId.remove(i.id());
        List<ImageDeleteResult> out = new ArrayList<>();
        i.repoTags().forEach(t -> out.add(new ImageDeleteResult.Untagged(t)));
        out.add(new ImageDeleteResult.Deleted(i.id().toString()));
        return out;
    }

    @Override
    public Image importTarball(InputStream tarball, Optional<String> reference, List<String> changes, String message,
                               Progress.Listener progress) {
        try {
            byte[] content = tarball.readAllBytes();
            if (new String(content, StandardCharsets.UTF_8).startsWith("bad")) {
                throw BerthException.invalid("invalid tar header in import");
            }
            Image img = add(reference.orElse("imported:latest"), List.of("sh"));
            progress.on(new Progress.Status(img.id().toString()));
            return img;
        } catch (java.io.IOException e) {
            throw BerthException.invalid("cannot read tarball", e);
        }
    }

    @Override
    public List<String> load(InputStream tarball, Progress.Listener progress) {
        try {
            String text = new String(tarball.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!text.startsWith("image ")) {
                throw BerthException.invalid("invalid tar header: not a docker save archive");
            }
            String tag = text.substring(6);
            add(tag, List.of("sh"));
            progress.on(new Progress.Status("Loaded image: " + tag));
            return List.of("Loaded image: " + tag);
        } catch (java.io.IOException e) {
            throw BerthException.invalid("cannot read tarball", e);
        }
    }

    @Override
    public void save(List<String> references, OutputStream out) {
        try {
            for (String r : references) {
                out.write(("saved " + inspect(r).id() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw BerthException.internal("write failed", e);
        }
    }

    @Override
    public ImagePruneReport prune(boolean all, List<String> labelFilters, List<String> untilFilters, ImageUsage usedBy) {
        return new ImagePruneReport(List.of(), 0);
    }

    @Override
    public List<Path> layerPaths(Digest imageId) {
        return List.of(Path.of("/var/lib/berth/snapshots/2"), Path.of("/var/lib/berth/snapshots/1"));
    }

    @Override
    public Image commit(berth.image.ImageCommit commit, LayerSource layer) {
        throw BerthException.notImplemented("commit is not faked");
    }
}
