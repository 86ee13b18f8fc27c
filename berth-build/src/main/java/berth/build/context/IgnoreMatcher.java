package berth.build.context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of a {@code .dockerignore}, applied as Docker 20.10 applies them (its
 * {@code fileutils.PatternMatcher} and the walk in {@code archive.TarWithOptions} that builds the
 * context the CLI sends).
 *
 * <p>Every rule is tried in order and the last one that matches decides: a plain rule excludes, a
 * {@code !} rule includes again. A rule matches a path when it matches the whole path, or when it
 * matches the path's leading directories cut to the rule's own depth ({@code a/*} matches
 * {@code a/b/c} through {@code a/b}). A walker also stops at an excluded directory, so everything
 * under it is excluded, unless some {@code !} rule starts with that directory's path: then it goes
 * on inside (without the directory's own entry) and judges each path below on its own.
 *
 * <p>Paths are relative to the context root, slash-separated and cleaned ({@code src/a.txt}).
 */
public final class IgnoreMatcher {
    /** What a walker does with one path of the context. */
    public enum Decision {
        /** Keep it (and, for a directory, walk into it). */
        INCLUDE,
        /** Leave it out; for a directory, everything below it too. */
        EXCLUDE,
        /** A directory left out whose children an exception may put back: walk into it, judge each. */
        DESCEND_ONLY
    }

    private static final IgnoreMatcher NONE = new IgnoreMatcher(List.of());

    private final List<IgnorePattern> patterns;
    private final boolean hasExceptions;

    private IgnoreMatcher(List<IgnorePattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.hasExceptions = patterns.stream().anyMatch(IgnorePattern::exception);
    }

    /** A matcher that excludes nothing (a context without {@code .dockerignore}). */
    public static IgnoreMatcher none() {
        return NONE;
    }

    /**
     * A matcher for these rules (as {@link DockerIgnore#parse} returns them); blank ones are skipped.
     *
     * @throws berth.errors.BerthException invalid-argument for a malformed pattern or a lone {@code !}
     */
    public static IgnoreMatcher of(List<String> rules) {
        List<IgnorePattern> out = new ArrayList<>();
        for (String r : rules) {
            if (!r.isBlank()) {
                out.add(IgnorePattern.parse(r));
            }
        }
        return new IgnoreMatcher(out);
    }

    public List<IgnorePattern> patterns() {
        return patterns;
    }

    /**
     * The matcher the {@code docker} CLI uses to build the context it sends: these rules plus an
     * exception for each of {@code names} (the Dockerfile, {@code .dockerignore}) they would
     * exclude, because the daemon needs both whatever the rules say.
     */
    public IgnoreMatcher alwaysSending(String... names) {
        List<IgnorePattern> out = new ArrayList<>(patterns);
        for (String name : names) {
            if (matches(name)) {
                out.add(IgnorePattern.parse("!" + name));
            }
        }
        return new IgnoreMatcher(out);
    }

    /** True when the rules exclude {@code path} (Docker's {@code PatternMatcher.Matches}). */
    public boolean matches(String path) {
        String file = GoPaths.clean(path);
        String parent = GoPaths.dir(file);
        String[] parentDirs = parent.split("/");
        boolean excluded = false;
        for (IgnorePattern p : patterns) {
            boolean match = p.matches(file);
            if (!match && !parent.equals(".") && p.depth() <= parentDirs.length) {
                match = p.matches(String.join("/", Arrays.copyOf(parentDirs, p.depth())));
            }
            if (match) {
                excluded = !p.exception();
            }
        }
        return excluded;
    }

    /** What a walker that reached {@code path} (its parents walked into) does with it. */
    public Decision decide(String path, boolean directory) {
        String rel = GoPaths.clean(path);
        if (!matches(rel)) {
            return Decision.INCLUDE;
        }
        if (!directory || !hasExceptions) {
            return Decision.EXCLUDE;
        }
        String dirSlash = rel + "/";
        for (IgnorePattern p : patterns) {
            if (p.exception() && (p.glob() + "/").startsWith(dirSlash)) {
                return Decision.DESCEND_ONLY;
            }
        }
        return Decision.EXCLUDE;
    }

    /**
     * True when a client walking the context from its root would send {@code path}: no directory
     * above it is cut off, and the path itself is included (a directory also when only walked into).
     */
    public boolean isSent(String path, boolean directory) {
        String rel = GoPaths.clean(path);
        if (rel.equals(".") || patterns.isEmpty()) {
            return true;
        }
        String[] comps = rel.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < comps.length - 1; i++) {
            prefix.append(i == 0 ? "" : "/").append(comps[i]);
            if (decide(prefix.toString(), true) == Decision.EXCLUDE) {
                return false;
            }
        }
        Decision d = decide(rel, directory);
        return d == Decision.INCLUDE || (directory && d == Decision.DESCEND_ONLY);
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
