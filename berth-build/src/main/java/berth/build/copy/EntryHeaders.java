package berth.build.copy;

import berth.archive.TarWriter;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The tar header each copied entry gets, named by its final path in the container (relative to the
 * root, as the step's tar is unpacked at "/"): the step's owner replaces the source's unless owners
 * are kept ({@code COPY --from} without {@code --chown}), and {@code --chmod} replaces the permission
 * bits of files and directories (a symlink's are always 0777).
 */
final class EntryHeaders {
    private EntryHeaders() {}

    /** The header of {@code e} placed under {@code target}; empty for the source's own "" entry of a directory. */
    static Optional<TarWriter.Header> of(String target, ItemEntry e, boolean directorySource, Optional<Owner> identity,
                                        OptionalInt chmod) {
        if (directorySource && e.path().isEmpty()) {
            return Optional.empty();
        }
        String name = name(target, e.path());
        long uid = identity.map(Owner::uid).orElse(e.uid());
        long gid = identity.map(Owner::gid).orElse(e.gid());
        int mode = chmod.orElse(e.mode());
        TarWriter.Header h = switch (e.kind()) {
            case FILE -> new TarWriter.Header(name, TarWriter.REGULAR, mode, uid, gid, e.size(), e.mtimeSeconds(), "", 0, 0,
                    e.xattrs());
            case DIRECTORY -> new TarWriter.Header(name + "/", TarWriter.DIRECTORY, mode, uid, gid, 0, e.mtimeSeconds(), "",
                    0, 0, e.xattrs());
            case SYMLINK -> new TarWriter.Header(name, TarWriter.SYMLINK, 0777, uid, gid, 0, e.mtimeSeconds(),
                    e.linkTarget(), 0, 0, e.xattrs());
            case HARD_LINK -> new TarWriter.Header(name, TarWriter.HARD_LINK, e.mode(), uid, gid, 0, e.mtimeSeconds(),
                    name(target, e.linkTarget()), 0, 0, null);
            case FIFO -> new TarWriter.Header(name, TarWriter.FIFO, mode, uid, gid, 0, e.mtimeSeconds(), "", 0, 0,
                    e.xattrs());
        };
        return Optional.of(h);
    }

    /** A directory the step makes. */
    static TarWriter.Header directory(CopyPlanner.MakeDir d, long mtimeSeconds) {
        return TarWriter.Header.of(name(d.path(), "") + "/", TarWriter.DIRECTORY, d.mode(), d.owner().uid(),
                d.owner().gid(), mtimeSeconds);
    }

    /** {@code target/path} relative to the root ("/app", "a/b" → "app/a/b"). */
    static String name(String target, String path) {
        String full = path.isEmpty() ? target : Destination.child(target, path);
        return full.startsWith("/") ? full.substring(1) : full;
    }
}
