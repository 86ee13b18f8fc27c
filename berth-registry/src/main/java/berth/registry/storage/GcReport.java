package berth.registry.storage;

import berth.content.Digest;
import java.util.List;

/**
 * What a collection did: the blobs it deleted and the bytes they held, how many blobs manifests
 * reference, and how many unreferenced ones it spared because they are within the grace period.
 */
public record GcReport(List<Digest> deleted, long bytesFreed, int referenced, int spared) {
    public GcReport {
        deleted = List.copyOf(deleted);
    }
}
