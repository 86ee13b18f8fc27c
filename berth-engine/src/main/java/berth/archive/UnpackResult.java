package berth.archive;

import berth.content.Digest;

/**
 * What unpacking a layer produced.
 *
 * @param diffId sha256 of the uncompressed tar stream, every byte of it (the OCI DiffID)
 * @param size   the sum of the regular files' sizes, as Docker reports a layer's size
 */
public record UnpackResult(Digest diffId, long size) {}
