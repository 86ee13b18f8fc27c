package berth.build.copy;

import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides where each source of a step lands and which directories the step makes, with the rules of
 * Docker 20.10's classic builder ({@code performCopyForInfo}, {@code copyFile}, {@code copyDirectory}),
 * checked against the reference daemon:
 * <ul>
 *   <li>a directory source's contents go into the destination; a destination that is new is made with
 *       mode 0755 and the step's owner (root without {@code --chown}), its missing parents owned by root;
 *       an existing destination directory keeps its owner and mode;</li>
 *   <li>a file goes inside the destination when it ends in {@code /} or is an existing directory (a
 *       symlink to one counts), else it is written under the destination's name; missing parents are
 *       made 0755 and owned by the step's owner (Docker's MkdirAllAndChownNew);</li>
 *   <li>an ADD archive is unpacked into the destination, made 0755 root-owned when missing; its
 *       entries keep the archive's owners and modes;</li>
 *   <li>a non-directory where a directory is needed fails, as Docker's mkdir does.</li>
 * </ul>
 * Sources are handled in order; what an earlier one made counts as existing for the later ones.
 */
final class CopyPlanner {
    /** What is at a path of the destination container, symlinks followed inside its root. */
    enum Kind { MISSING, DIRECTORY, OTHER, DANGLING_LINK }

    @FunctionalInterface
    interface Probe {
        Kind kind(String path);
    }

    sealed interface Op permits MakeDir, Place, Unpack {}

    /** A directory the step makes. */
    record MakeDir(String path, Owner owner, int mode) implements Op {}

    /**
     * A source written at {@code target}: a file under that name, a directory's entries below it (its
     * own "" entry is never written: the target is either an existing directory or a MakeDir before).
     */
    record Place(CopyItem item, String target) implements Op {}

    /** An ADD archive unpacked into {@code directory}. */
    record Unpack(CopyItem item, String directory) implements Op {}

    private final Probe probe;
    private final Map<String, Kind> made = new HashMap<>();
    private final List<Op> ops = new ArrayList<>();

    private CopyPlanner(Probe probe) {
        this.probe = probe;
    }

    /**
     * @param identity the owner copied files get; empty keeps the sources' owners ({@code COPY --from}
     *                 without {@code --chown})
     */
    static List<Op> plan(List<CopyItem> items, Destination dest, Optional<Owner> identity, OptionalInt chmod,
                         Probe probe) {
        CopyPlanner p = new CopyPlanner(probe);
        for (CopyItem item : items) {
            p.add(item, dest, identity, chmod);
        }
        return List.copyOf(p.ops);
    }

    private void add(CopyItem item, Destination dest, Optional<Owner> identity, OptionalInt chmod) {
        String path = dest.path();
        if (item.archive()) {
            ensureDirectory(path, Owner.ROOT);
            ops.add(new Unpack(item, path));
            return;
        }
        if (item.directory()) {
            Kind k = kind(path);
            if (k == Kind.OTHER) {
                throw notDirectory(path);
            }
            if (k == Kind.MISSING) {
                ensureDirectory(Destination.parent(path), Owner.ROOT);
                ops.add(new MakeDir(path, identity.orElse(Owner.ROOT), chmod.orElse(0755)));
                made.put(path, Kind.DIRECTORY);
            }
            ops.add(new Place(item, path));
            return;
        }
        Owner parents = identity.orElse(Owner.ROOT);
        String target;
        if (dest.directory() || kind(path) == Kind.DIRECTORY) {
            ensureDirectory(path, parents);
            target = Destination.child(path, item.name());
        } else {
            ensureDirectory(Destination.parent(path), parents);
            target = path;
        }
        ops.add(new Place(item, target));
        made.put(target, Kind.OTHER);
    }

    /** Makes {@code path} and its missing parents (top down), each 0755 and owned by {@code owner}. */
    private void ensureDirectory(String path, Owner owner) {
        List<String> missing = new ArrayList<>();
        for (String p = path; ; p = Destination.parent(p)) {
            Kind k = kind(p);
            if (k == Kind.OTHER) {
                throw notDirectory(p);
            }
            if (k != Kind.MISSING) {
                break; // a dangling link's target is made by the extraction, as Docker's MkdirAll does
            }
            missing.addFirst(p);
        }
        for (String m : missing) {
            ops.add(new MakeDir(m, owner, 0755));
            made.put(m, Kind.DIRECTORY);
        }
    }

    private Kind kind(String path) {
        if (path.equals("/")) {
            return Kind.DIRECTORY;
        }
        Kind k = made.get(path);
        return k != null ? k : probe.kind(path);
    }

    private BerthException notDirectory(String path) {
        return BerthException.invalid("failed to copy files: mkdir " + path + ": not a directory");
    }
}
