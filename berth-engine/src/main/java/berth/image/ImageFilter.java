package berth.image;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filters of {@code GET /images/json}, already parsed from the wire.
 *
 * @param references glob patterns (Docker's path.Match on the familiar name, e.g. {@code busybox*} or {@code bb:v*})
 * @param dangling   when present, keep only dangling (true) or only tagged (false) images
 * @param labels     {@code key} (exists) or {@code key=value}; all must match
 * @param before     image references; keep images created before each
 * @param since      image references; keep images created after each
 * @param all        include intermediate images (untagged images other images were made on: a build's steps)
 */
public record ImageFilter(
        List<String> references,
        Optional<Boolean> dangling,
        List<String> labels,
        List<String> before,
        List<String> since,
        boolean all) {

    public ImageFilter {
        references = List.copyOf(references);
        labels = List.copyOf(labels);
        before = List.copyOf(before);
        since = List.copyOf(since);
    }

    public static ImageFilter none() {
        return new ImageFilter(List.of(), Optional.empty(), List.of(), List.of(), List.of(), false);
    }

    /** Label selectors as key → optional value, for callers that need them split. */
    public static Map.Entry<String, Optional<String>> splitLabel(String selector) {
        int eq = selector.indexOf('=');
        return eq < 0 ? Map.entry(selector, Optional.empty())
                : Map.entry(selector.substring(0, eq), Optional.of(selector.substring(eq + 1)));
    }
}
