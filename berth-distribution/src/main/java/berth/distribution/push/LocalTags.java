package berth.distribution.push;

import berth.content.Digest;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.Image;
import berth.image.ImageFilter;
import berth.image.ImageReference;
import berth.image.ImageService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code docker push NAME[:TAG]} pushes, as dockerd decides it from the reference store: one tag,
 * or without a tag every tag of the repository in lexical order. NOT_FOUND in dockerd's words when the
 * repository has no local name at all ("An image does not exist locally with the tag: x") or lacks the
 * tag ("tag does not exist: x:v1"); INVALID_ARGUMENT for a digest reference.
 */
final class LocalTags {
    /** One tag to push and the image it names. */
    record Target(ImageReference reference, Digest imageId) {
        String tag() {
            return reference.tag().orElseThrow();
        }
    }

    private LocalTags() {
    }

    static List<Target> resolve(ImageReference reference, ImageService images) {
        if (reference.digest().isPresent()) {
            throw BerthException.invalid("cannot push a digest reference");
        }
        String name = reference.name();
        List<Target> tagged = new ArrayList<>();
        boolean anyName = false;
        for (Image image : images.list(ImageFilter.none())) {
            for (String tag : image.repoTags()) {
                ImageReference r = ImageReference.parse(tag);
                if (r.name().equals(name) && r.tag().isPresent()) {
                    tagged.add(new Target(r, image.id()));
                }
            }
            anyName |= image.repoDigests().stream().anyMatch(d -> ImageReference.parse(d).name().equals(name));
        }
        if (tagged.isEmpty() && !anyName) {
            throw new BerthException(ErrorKind.NOT_FOUND, "An image does not exist locally with the tag: " + reference.familiarName());
        }
        if (reference.tag().isPresent()) {
            return tagged.stream().filter(t -> t.reference().equals(reference)).findFirst().map(List::of)
                    .orElseThrow(() -> new BerthException(ErrorKind.NOT_FOUND, "tag does not exist: " + reference.familiarString()));
        }
        if (tagged.isEmpty()) {
            throw new BerthException(ErrorKind.NOT_FOUND, "no tags to push for " + reference.familiarName());
        }
        tagged.sort(Comparator.comparing(t -> t.reference().toString()));
        return List.copyOf(tagged);
    }
}
