package berth.build.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Merges layer tars (bottom first) into one that, applied on the same base, gives the same tree: what
 * {@code --squash} stores. An entry a higher layer replaces, or hides by a whiteout or an opaque
 * directory, is left out; so is a whiteout whose path a higher layer provides again. The kept entries
 * are written bottom layer first, each layer in its own order, so directories still precede their
 * contents and an opaque marker precedes what higher layers put in its directory.
 */
final class LayerMerge {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** Opens one layer's uncompressed tar; called twice per layer. */
    @FunctionalInterface
    interface Layers {
        InputStream open(int index) throws IOException;
    }

    private LayerMerge() {}

    /**
     * @param inBase whether a path (relative, no leading slash) exists in the base the result goes on: a
     *               whiteout of anything else is dropped, since overlayfs would show it where its
     *               directory exists in no lower layer
     */
    static void merge(int count, Layers layers, Predicate<String> inBase, OutputStream out) throws IOException {
        List<Set<Integer>> keep = decide(count, layers, inBase);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        for (int layer = 0; layer < count; layer++) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(layers.open(layer))) {
                int index = 0;
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry(), index++) {
                    if (keep.get(layer).contains(index)) {
                        tar.putArchiveEntry(e);
                        if (e.isFile() && !e.isLink()) {
                            in.transferTo(tar);
                        }
                        tar.closeArchiveEntry();
                    }
                }
            }
        }
        tar.finish();
        tar.flush();
    }

    /** For each layer, the indexes of the entries that survive, deciding from the top layer down. */
    private static List<Set<Integer>> decide(int count, Layers layers, Predicate<String> inBase) throws IOException {
        List<Set<Integer>> keep = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keep.add(new HashSet<>());
        }
        Set<String> decided = new HashSet<>();
        Set<String> whitedOut = new HashSet<>();   // hidden with everything below, for lower layers
        Set<String> opaque = new HashSet<>();      // children hidden, for lower layers
        for (int layer = count - 1; layer >= 0; layer--) {
            Set<String> newWhitedOut = new HashSet<>();
            Set<String> newOpaque = new HashSet<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(layers.open(layer))) {
                int index = 0;
                for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry(), index++) {
                    String path = normalize(e.getName());
                    if (path.isEmpty() || decided.contains(path) || hidden(path, whitedOut, opaque)) {
                        continue;
                    }
                    int slash = path.lastIndexOf('/');
                    String dir = slash < 0 ? "" : path.substring(0, slash);
                    String base = path.substring(slash + 1);
                    if (base.equals(OPAQUE)) {
                        newOpaque.add(dir);
                    } else if (base.startsWith(WHITEOUT)) {
                        String target = (dir.isEmpty() ? "" : dir + "/") + base.substring(WHITEOUT.length());
                        if (decided.contains(target)) {
                            continue; // a higher layer made it again
                        }
                        newWhitedOut.add(target);
                        if (!inBase.test(target)) {
                            continue; // nothing below to hide
                        }
                    }
                    decided.add(path);
                    keep.get(layer).add(index);
                }
            }
            whitedOut.addAll(newWhitedOut);
            opaque.addAll(newOpaque);
        }
        return keep;
    }

    /** Whether a higher layer's whiteout covers the path or one of its parents, or an opaque parent hides it. */
    static boolean hidden(String path, Set<String> whitedOut, Set<String> opaque) {
        if (whitedOut.contains(path)) {
            return true;
        }
        String at = path;
        for (int slash = at.lastIndexOf('/'); ; slash = at.lastIndexOf('/')) {
            String parent = slash < 0 ? "" : at.substring(0, slash);
            if (opaque.contains(parent) || (!parent.isEmpty() && whitedOut.contains(parent))) {
                return true;
            }
            if (slash < 0) {
                return false;
            }
            at = parent;
        }
    }

    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("./") ? n.substring(2) : n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(".") ? "" : n;
    }
}
