package berth.build.context;

import berth.archive.RootedTree;
import berth.store.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A build context as the daemon holds it: unpacked in a private directory, with its Dockerfile read
 * and its {@code .dockerignore} rules. Made by {@link ContextReader}; {@link #close} deletes it.
 *
 * <p>Like Docker, the Dockerfile and {@code .dockerignore} are removed from the tree when the rules
 * exclude them (a client sends them regardless), so COPY never sees them then. Other files the
 * rules exclude are normally absent (the client filters); {@link #sources()} applies the rules again,
 * so a client that sends them anyway cannot change what COPY copies or its cache key.
 */
public final class BuildContext implements AutoCloseable {
    private final Path workDir;
    private final RootedTree tree;
    private final String dockerfilePath;
    private final byte[] dockerfile;
    private final IgnoreMatcher ignore;
    private final CopySources sources;

    BuildContext(Path workDir, RootedTree tree, String dockerfilePath, byte[] dockerfile, IgnoreMatcher ignore) {
        this.workDir = workDir;
        this.tree = tree;
        this.dockerfilePath = dockerfilePath;
        this.dockerfile = dockerfile;
        this.ignore = ignore;
        this.sources = new CopySources(tree, ignore);
    }

    /** The directory holding the context's files (a real path, no symlink in it). */
    public Path root() {
        return tree.root();
    }

    /** The context seen chroot-style: resolve names in it only through this. */
    public RootedTree tree() {
        return tree;
    }

    /** The Dockerfile's path in the context as found ({@code dockerfile} when {@code Dockerfile} was absent). */
    public String dockerfilePath() {
        return dockerfilePath;
    }

    /** The Dockerfile's bytes, as sent. */
    public byte[] dockerfile() {
        return dockerfile.clone();
    }

    /** The {@code .dockerignore} rules, {@link IgnoreMatcher#none()} without the file. */
    public IgnoreMatcher ignore() {
        return ignore;
    }

    /** Selects and digests COPY/ADD sources in this context. */
    public CopySources sources() {
        return sources;
    }

    /** Deletes the unpacked context (symlinks are removed, never followed). */
    @Override
    public void close() {
        deleteTree(workDir);
    }

    /** Deletes a context's files; symlinks in it are deleted, never followed (FileTrees). */
    static void deleteTree(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete build context " + dir, e);
        }
    }
}
