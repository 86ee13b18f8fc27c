package berth.container;

/**
 * How a tar is copied into a container ({@code PUT /containers/{id}/archive}).
 *
 * @param noOverwriteDirNonDir refuse to replace an existing directory with a non-directory and the
 *                             other way round, instead of replacing it
 * @param copyUidGid           give every extracted file the container user's uid and gid instead of
 *                             the owners recorded in the tar
 */
public record ExtractOptions(boolean noOverwriteDirNonDir, boolean copyUidGid) {
    public static final ExtractOptions DEFAULT = new ExtractOptions(false, false);
}
