package berth.build.context;

import berth.archive.RootedTree;
import berth.errors.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Selects what COPY/ADD sources name in a build context and digests it, following Docker 20.10's
 * classic builder ({@code builder/dockerfile/copy.go}).
 *
 * <ul>
 *   <li>A source is a path relative to the context root; a leading {@code /} or {@code ./} is
 *       dropped. A path that climbs out of the context with {@code ..} is refused ("forbidden path
 *       outside the build context"); symlinks are followed chroot-style, so they never lead out.</li>
 *   <li>A source with a wildcard ({@code * ? [}, Go's {@code filepath.Match}) is matched against
 *       every path of the context, walked in lexical order; each match is a source of its own. A
 *       {@code \} escapes a wildcard character.</li>
 *   <li>A source that is a symlink is followed: its target is copied under the source's name. Below
 *       a source directory, symlinks are entries of their own and copied as links.</li>
 *   <li>What the {@code .dockerignore} excludes is not there: a source it excludes is "not found",
 *       and it is left out of a directory's entries.</li>
 * </ul>
 *
 * <p>Example: with {@code COPY app/*.py lib /src/}, call {@code select(List.of("app/*.py", "lib"), true)};
 * the result lists {@code app/a.py}, {@code app/b.py} and {@code lib} with its tree, and its digest is the
 * COPY step's content key. ADD uses the same selection (local sources only; ADD's URL sources are the
 * executor's, and refused offline).
 */
public final class CopySources {
    private final RootedTree tree;
    private final IgnoreMatcher ignore;
    /**
     * Selections made before: a build context never changes once unpacked, and the executor selects a
     * step's sources twice (checking the Dockerfile before any step runs, then running it), so each
     * selection's files are read and digested once.
     */
    private final java.util.Map<SelectionKey, CopySelection> selected = new java.util.concurrent.ConcurrentHashMap<>();

    private record SelectionKey(List<String> sources, boolean allowWildcards) {}

    public CopySources(RootedTree tree, IgnoreMatcher ignore) {
        this.tree = tree;
        this.ignore = ignore;
    }

    /**
     * The files the sources copy, and their digest.
     *
     * @param allowWildcards false for sources taken literally ({@code COPY --from} another stage uses
     *     the same rules on an image's tree)
     * @throws BerthException invalid-argument: "forbidden path outside the build context: ...",
     *     "file not found in build context or excluded by .dockerignore: stat ...: file does not
     *     exist", or "no source files were specified" when nothing matched
     */
    public CopySelection select(List<String> sources, boolean allowWildcards) {
        SelectionKey key = new SelectionKey(List.copyOf(sources), allowWildcards);
        CopySelection known = selected.get(key);
        if (known != null) {
            return known;
        }
        CopySelection made = selectNow(sources, allowWildcards);
        selected.put(key, made);
        return made;
    }

    private CopySelection selectNow(List<String> sources, boolean allowWildcards) {
        try {
            List<CopySource> out = new ArrayList<>();
            for (String s : sources) {
                String name = normalize(s);
                if (allowWildcards && GlobSyntax.hasWildcards(name)) {
                    out.addAll(matching(name));
                } else {
                    out.add(single(name));
                }
            }
            if (out.isEmpty()) {
                throw BerthException.invalid("no source files were specified");
            }
            SourceDigest d = new SourceDigest();
            d.number(out.size());
            for (CopySource c : out) {
                d.string(c.digest());
            }
            return new CopySelection(out, d.finish());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build context: " + e.getMessage(), e);
        }
    }

    /** Docker's calcCopyInfo: one leading "/" dropped, then a leading "./"; a name climbing out refused. */
    private static String normalize(String source) {
        String name = source;
        if (name.length() > 1 && name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.startsWith("./")) {
            name = name.substring(2);
        }
        String clean = GoPaths.clean(name);
        if (clean.equals("..") || clean.startsWith("../") || clean.startsWith("/..")) {
            throw BerthException.invalid("forbidden path outside the build context: " + source + " ()");
        }
        return name;
    }

    private List<CopySource> matching(String glob) throws IOException {
        Pattern p;
        try {
            p = GlobSyntax.compile(glob, false);
        } catch (BerthException e) {
            return List.of(); // Docker ignores the match error: a bad pattern matches nothing
        }
        List<CopySource> out = new ArrayList<>();
        walk(tree.root(), "", rel -> {
            if (p.matcher(rel).matches()) {
                out.add(single(rel));
            }
        });
        return out;
    }

    private CopySource single(String name) throws IOException {
        String rel = GoPaths.clean(name.isEmpty() ? "." : name);
        Path host = tree.follow(rel);
        Map<String, Object> a = attributes(host);
        String followed = contextPath(host);
        if (a == null || !ignore.isSent(rel, isDirectory(a)) || !ignore.isSent(followed, isDirectory(a))) {
            throw BerthException.invalid("file not found in build context or excluded by .dockerignore: stat "
                    + name + ": file does not exist");
        }
        List<SourceEntry> entries = new ArrayList<>();
        boolean directory = isDirectory(a);
        if (!directory || !followed.equals(".")) {
            entries.add(entry("", host, a));
        }
        if (directory) {
            walkEntries(host, followed, "", entries);
        }
        SourceDigest d = new SourceDigest().string(rel).number(directory ? 1 : 0).number(entries.size());
        for (SourceEntry e : entries) {
            d.entry(e);
        }
        return new CopySource(rel, host, directory, entries, d.finish());
    }

    /** The entries below a source directory, in lexical order, minus what the rules exclude. */
    private void walkEntries(Path dir, String dirInContext, String below, List<SourceEntry> out) throws IOException {
        for (String child : children(dir)) {
            Path host = dir.resolve(child);
            Map<String, Object> a = attributes(host);
            if (a == null) {
                continue;
            }
            String inContext = dirInContext.equals(".") ? child : dirInContext + "/" + child;
            String path = below.isEmpty() ? child : below + "/" + child;
            boolean directory = isDirectory(a);
            IgnoreMatcher.Decision decision = ignore.decide(inContext, directory);
            if (decision == IgnoreMatcher.Decision.EXCLUDE) {
                continue;
            }
            if (decision == IgnoreMatcher.Decision.INCLUDE) {
                out.add(entry(path, host, a));
            }
            if (directory) {
                walkEntries(host, inContext, path, out);
            }
        }
    }

    private interface Visitor {
        void visit(String rel) throws IOException;
    }

    /** Every path of the context the rules let through, parents first, without following symlinks. */
    private void walk(Path dir, String rel, Visitor v) throws IOException {
        for (String child : children(dir)) {
            Path host = dir.resolve(child);
            Map<String, Object> a = attributes(host);
            if (a == null) {
                continue;
            }
            String path = rel.isEmpty() ? child : rel + "/" + child;
            boolean directory = isDirectory(a);
            IgnoreMatcher.Decision decision = ignore.decide(path, directory);
            if (decision == IgnoreMatcher.Decision.EXCLUDE) {
                continue;
            }
            if (decision == IgnoreMatcher.Decision.INCLUDE) {
                v.visit(path);
            }
            if (directory) {
                walk(host, path, v);
            }
        }
    }

    /** Names in a directory sorted as Go's filepath.Walk sorts them (by bytes; UTF-16 order agrees for BMP names). */
    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String contextPath(Path host) {
        String inTree = tree.inTree(host);
        return inTree.equals("/") ? "." : inTree.substring(1);
    }

    /** lstat as a map of unix attributes, or null when nothing is there. */
    private static Map<String, Object> attributes(Path p) throws IOException {
        if (RootedTree.lstat(p) == null) {
            return null;
        }
        return Files.readAttributes(p, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
    }

    private static int type(Map<String, Object> a) {
        return (int) a.get("mode") & 0170000;
    }

    private static boolean isDirectory(Map<String, Object> a) {
        return type(a) == 0040000;
    }

    private static SourceEntry entry(String path, Path host, Map<String, Object> a) throws IOException {
        int mode = (int) a.get("mode");
        SourceEntry.Type t = switch (mode & 0170000) {
            case 0100000 -> SourceEntry.Type.FILE;
            case 0040000 -> SourceEntry.Type.DIRECTORY;
            case 0120000 -> SourceEntry.Type.SYMLINK;
            default -> SourceEntry.Type.OTHER;
        };
        Optional<String> link = t == SourceEntry.Type.SYMLINK
                ? Optional.of(Files.readSymbolicLink(host).toString()) : Optional.empty();
        long size = t == SourceEntry.Type.FILE ? (long) a.get("size") : 0;
        return new SourceEntry(path, host, t, mode & 07777, (int) a.get("uid"), (int) a.get("gid"), size, link);
    }
}
