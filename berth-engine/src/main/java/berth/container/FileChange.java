package berth.container;

import java.util.Objects;

/** One entry of {@code docker diff}: a path in the container and how it differs from the image. */
public record FileChange(String path, Kind kind) {
    /** Docker's change kinds; the ordinal is the number on the wire (0 modified, 1 added, 2 deleted). */
    public enum Kind { MODIFIED, ADDED, DELETED }

    public FileChange {
        Objects.requireNonNull(path);
        Objects.requireNonNull(kind);
    }
}
