package berth.build.exec;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.image.HistoryEntry;
import berth.image.HistoryStep;
import berth.image.Image;
import berth.image.ImageCommit;
import berth.image.ImageConfig;
import berth.image.ImageDeleteResult;
import berth.image.ImageFilter;
import berth.image.ImagePruneReport;
import berth.image.ImageService;
import berth.image.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An image store in memory for config-only builds: commit (of empty layers), inspect, tag, remove. */
final class FakeImages implements ImageService {
    final Map<String, Image> byId = new LinkedHashMap<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    int commits;

    /** Adds a base image named {@code name:latest} with this config. */
    Image base(String name, ImageConfig config) {
        Image img = new Image(id(name), List.of(name + ":latest"), List.of(), "", "", java.time.Instant.EPOCH, "",
                "amd64", "linux", config, List.of(id(name + "-layer")), List.of(new HistoryEntry(Optional.empty(),
                "/bin/sh -c #(nop) ADD file:x in / ", "", false)), 100);
        byId.put(img.id().toString(), img);
        tags.put(name + ":latest", img.id().toString());
        return img;
    }

    private static Digest id(String text) {
        try {
            return Digest.parse("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Image inspect(String reference) {
        String ref = reference.contains(":") || reference.startsWith("sha256") ? reference : reference + ":latest";
        String id = tags.getOrDefault(ref, ref);
        Image img = byId.get(id);
        if (img == null) {
            throw BerthException.notFound("No such image: " + reference);
        }
        List<String> names = tags.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).toList();
        return new Image(img.id(), names, List.of(), img.parent(), img.comment(), img.created(), img.author(),
                img.architecture(), img.os(), img.config(), img.diffIds(), img.history(), img.size());
    }

    @Override
    public Image commit(ImageCommit c, LayerSource layer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            layer.writeTo(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (bytes.toByteArray().length != 1024 || bytes.toString(StandardCharsets.ISO_8859_1).chars().anyMatch(ch -> ch != 0)) {
            throw new UnsupportedOperationException("the fake store takes only empty layers");
        }
        Optional<Image> parent = c.parent().map(p -> inspect(p.toString()));
        List<HistoryEntry> history = new ArrayList<>(parent.map(Image::history).orElse(List.of()));
        history.add(new HistoryEntry(Optional.of(c.created()), c.createdBy(), c.comment(), true));
        commits++;
        Digest id = id(c.parent() + "\n" + c.createdBy() + "\n" + c.config() + "\n" + c.created() + "\n" + commits);
        Image img = new Image(id, List.of(), List.of(), c.parent().map(Digest::toString).orElse(""), c.comment(),
                c.created(), c.author(), "amd64", "linux", c.config(), parent.map(Image::diffIds).orElse(List.of()),
                history, parent.map(Image::size).orElse(0L));
        byId.put(id.toString(), img);
        return img;
    }

    @Override
    public void tag(String reference, String repository, String tag) {
        tags.put(berth.image.ImageReference.parse(repository).familiarName() + ":" + tag, inspect(reference).id().toString());
    }

    @Override
    public List<ImageDeleteResult> remove(String reference, boolean force, boolean noPrune, ImageUsage usedBy) {
        Image img = inspect(reference);
        byId.remove(img.id().toString());
        tags.values().removeIf(v -> v.equals(img.id().toString()));
        return List.of(new ImageDeleteResult.Deleted(img.id().toString()));
    }

    @Override
    public List<Image> list(ImageFilter filter) {
        return byId.keySet().stream().map(this::inspect).toList();
    }

    @Override
    public List<HistoryStep> history(String reference) {
        return ImageService.historyOf(inspect(reference));
    }

    @Override
    public Image importTarball(InputStream tarball, Optional<String> reference, List<String> changes, String message,
                               Progress.Listener progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> load(InputStream tarball, Progress.Listener progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void save(List<String> references, OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ImagePruneReport prune(boolean all, List<String> labelFilters, List<String> untilFilters, ImageUsage usedBy) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Path> layerPaths(Digest imageId) {
        throw new UnsupportedOperationException();
    }
}
