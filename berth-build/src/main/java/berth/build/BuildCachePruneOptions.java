package berth.build;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /build/prune}'s query: {@code all} (also entries an image still shares), {@code keep-storage}
 * (stop once the cache is this small, bytes; 0 for no limit) and the {@code until} filter (entries last used
 * before then). Unknown filters are refused by the API before this is made.
 */
public record BuildCachePruneOptions(boolean all, long keepStorage, Optional<Instant> until) {
    public static final BuildCachePruneOptions ALL = new BuildCachePruneOptions(true, 0, Optional.empty());
}
