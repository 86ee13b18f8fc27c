package berth.image;

import berth.content.Digest;
import berth.events.Event;
import berth.events.EventSink;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ImageService} that reports what the one it wraps did as Docker's image events: tag,
 * untag, delete, import, load, save. Reads pass straight through. Pull and push go through
 * {@link ImageIngest}, not this class; whoever drives them reports them with {@link #pulled} and
 * {@link #pushed}.
 */
public final class EventingImageService implements ImageService {
    private final ImageService images;
    private final EventSink sink;

    public EventingImageService(ImageService images, EventSink sink) {
        this.images = images;
        this.sink = sink;
    }

    @Override
    public List<Image> list(ImageFilter filter) {
        return images.list(filter);
    }

    @Override
    public Image inspect(String reference) {
        return images.inspect(reference);
    }

    @Override
    public List<LayerSize> layerSizes(Digest imageId) {
        return images.layerSizes(imageId);
    }

    @Override
    public void tag(String reference, String repository, String tag) {
        images.tag(reference, repository, tag);
        String name = ImageReference.parse(repository + ":" + (tag == null || tag.isEmpty() ? "latest" : tag))
                .familiarString();
        publish("tag", images.inspect(name).id().toString(), name);
    }

    @Override
    public List<ImageDeleteResult> remove(String reference, boolean force, boolean noPrune, ImageUsage usedBy) {
        Optional<String> id = idOf(reference);
        List<ImageDeleteResult> results = images.remove(reference, force, noPrune, usedBy);
        report(results, id.orElse(reference));
        return results;
    }

    @Override
    public Image importTarball(InputStream tarball, Optional<String> reference, List<String> changes, String message,
            Progress.Listener progress) {
        Image img = images.importTarball(tarball, reference, changes, message, progress);
        publish("import", img.id().toString(), reference.orElse(img.id().toString()));
        return img;
    }

    /** Docker reports a commit as the container's event; a tag given with it is also an image tag event. */
    @Override
    public Image commit(ImageCommit commit, LayerSource layer) {
        Image img = images.commit(commit, layer);
        commit.reference().ifPresent(r -> publish("tag", img.id().toString(),
                ImageReference.parse(r).withDefaultTag().familiarString()));
        return img;
    }

    @Override
    public List<HistoryStep> history(String reference) {
        return images.history(reference);
    }

    @Override
    public List<String> load(InputStream tarball, Progress.Listener progress) {
        List<String> loaded = images.load(tarball, progress);
        for (String ref : loaded) {
            publish("load", idOf(ref).orElse(ref), ref);
        }
        return loaded;
    }

    @Override
    public void save(List<String> references, OutputStream out) {
        images.save(references, out);
        for (String ref : references) {
            publish("save", idOf(ref).orElse(ref), ref);
        }
    }

    @Override
    public ImagePruneReport prune(boolean all, List<String> labelFilters, List<String> untilFilters, ImageUsage usedBy) {
        ImagePruneReport report = images.prune(all, labelFilters, untilFilters, usedBy);
        report(report.deleted(), "");
        return report;
    }

    @Override
    public List<Path> layerPaths(Digest imageId) {
        return images.layerPaths(imageId);
    }

    /** Docker's "pull" event: actor the pulled reference ({@code busybox:latest}), name its repository. */
    public void pulled(ImageReference reference) {
        publish("pull", reference.familiarString(), reference.familiarName());
    }

    /** Docker's "push" event: actor the pushed reference ({@code host:5000/app:v1}), name its repository. */
    public void pushed(ImageReference reference) {
        publish("push", reference.familiarString(), reference.familiarName());
    }

    private void report(List<ImageDeleteResult> results, String imageId) {
        for (ImageDeleteResult r : results) {
            switch (r) {
                case ImageDeleteResult.Untagged u -> publish("untag", imageId.isEmpty() ? u.reference() : imageId,
                        u.reference());
                case ImageDeleteResult.Deleted d -> publish("delete", d.id(), d.id());
            }
        }
    }

    private Optional<String> idOf(String reference) {
        try {
            return Optional.of(images.inspect(reference).id().toString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void publish(String action, String actor, String name) {
        sink.publish(new Event("image", action, actor, Map.of("name", name), Instant.now()));
    }
}
