package berth.snapshot;

import berth.content.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCI chain ID rule: chainID(L0) = diffID(L0), chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln)).
 * A chain ID names a layer together with everything beneath it, so equal chain IDs are equal root
 * filesystems and may share one snapshot.
 */
public final class ChainIds {
    private ChainIds() {}

    /** The chain ID of every prefix of {@code diffIds}, base first. */
    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> out = new ArrayList<>(diffIds.size());
        Digest chain = null;
        for (Digest d : diffIds) {
            chain = chain == null ? d : Digest.sha256((chain + " " + d).getBytes(StandardCharsets.UTF_8));
            out.add(chain);
        }
        return out;
    }

    /** The chain ID of the whole stack. */
    public static Digest top(List<Digest> diffIds) {
        if (diffIds.isEmpty()) {
            throw new IllegalArgumentException("an image needs at least one layer");
        }
        return of(diffIds).getLast();
    }
}
