package berth.snapshot;

import berth.content.Digest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One committed, read-only layer.
 *
 * @param chainId the layer with all layers beneath it (see {@link ChainIds})
 * @param parent  the chain ID of the layer beneath; empty for a base layer
 * @param diffId  the digest of this layer's own uncompressed tar
 * @param fs      the directory holding this layer's files (an overlayfs lowerdir)
 * @param size    bytes of this layer's regular files, as unpacked
 */
public record Snapshot(Digest chainId, Optional<Digest> parent, Digest diffId, Path fs, long size) {}
