/**
 * Committed, read-only image layers for overlayfs, keyed by OCI chain ID ({@link berth.snapshot.ChainIds}).
 *
 * <p>On disk ({@link berth.snapshot.OverlaySnapshotter}): {@code <root>/snapshots/<n>/fs} per layer, with
 * {@code n} a small number so overlay lowerdir strings stay short, and {@code <root>/snapshots/index.json}
 * mapping chain IDs to numbers, parents, DiffIDs and sizes. Layers are filled (prepared) in {@code tmp-*}
 * directories and renamed into place before they are recorded; unrecorded directories are swept at start.
 */
package berth.snapshot;
