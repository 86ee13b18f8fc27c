package berth.build.context;

import java.util.List;

/**
 * What a COPY/ADD instruction's sources select in the context, in order, and one digest of it all:
 * the layer cache keys the step on {@code digest} (with the instruction's destination and options),
 * so it changes whenever anything that would be copied changes, and only then.
 *
 * @param sources each source path copied, in instruction order (a wildcard's matches in walk order)
 * @param digest {@code sha256:<hex>} over the sources' digests in order
 */
public record CopySelection(List<CopySource> sources, String digest) {
    public CopySelection {
        sources = List.copyOf(sources);
    }
}
