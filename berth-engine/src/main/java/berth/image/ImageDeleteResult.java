package berth.image;

/** One line of {@code DELETE /images/{name}}: either an untagged reference or a deleted image/layer ID. */
public sealed interface ImageDeleteResult {
    record Untagged(String reference) implements ImageDeleteResult {}

    record Deleted(String id) implements ImageDeleteResult {}
}
