/**
 * Tar streams in and out of the filesystem, with image layers treated as hostile input.
 *
 * <p>{@link berth.archive.LayerUnpacker} unpacks a layer (plain, gzip, bzip2, xz or zstd, detected by
 * magic bytes in {@link berth.archive.Compression}) into a directory and reports its DiffID. Every name
 * is resolved inside the target by {@code RootedPaths} with chroot semantics, so {@code ..}, absolute
 * names, symlinks (planted earlier in the same layer or replacing a directory) and hard links can never
 * reach outside the target. OCI whiteouts are converted to overlayfs form on the way in.
 *
 * <p>The way out is {@link berth.archive.OverlayLayerWriter}: an overlayfs upper directory (a container's
 * changes) written as a layer, overlay whiteouts and opaque directories turned back into OCI ones, through
 * {@link berth.archive.TarWriter}, which writes Go's tar shape byte for byte reproducibly.
 */
package berth.archive;
