package berth.build;

import java.util.List;

/** What a prune removed: the entries' IDs ({@code CachesDeleted}) and the bytes freed ({@code SpaceReclaimed}). */
public record BuildCachePruneReport(List<String> cachesDeleted, long spaceReclaimed) {
    public BuildCachePruneReport {
        cachesDeleted = List.copyOf(cachesDeleted);
    }
}
