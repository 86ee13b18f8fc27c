package berth.build.context;

import berth.archive.Compression;
import berth.archive.RootedTree;
import berth.archive.TreeExtractor;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Reads the body of {@code POST /build} into a {@link BuildContext}, as Docker 20.10's
 * {@code remotecontext.Detect} does for the classic builder.
 *
 * <p>The body is a tar, plain or compressed (gzip, bzip2, xz, zstd), unpacked with the engine's
 * hostile-tar rules ({@link TreeExtractor}), rooted at the context as Docker chroots into it: no name
 * or hard link may leave the context, every symlink resolves inside it (an absolute one from the
 * context's root), and nothing is ever written through a symlink to outside. A body that is not a
 * tar is taken as the Dockerfile itself. An empty body is an empty context. A {@code remote} URL
 * (git or HTTP) is refused: berth does not fetch contexts.
 *
 * <p>The Dockerfile is {@code options.dockerfile()} inside the context, resolved chroot-style, and
 * when that is the default {@code Dockerfile} and absent, {@code dockerfile}. The {@code docker} CLI
 * sends a Dockerfile from outside the context ({@code -f -} or a path elsewhere) as an extra file
 * {@code .dockerfile.<random>} and lists it in {@code .dockerignore}; that needs nothing special here.
 */
public final class ContextReader {
    /** The {@code remote} value of BuildKit's session, which the classic builder never supported. */
    static final String CLIENT_SESSION = "client-session";
    private static final int TAR_BLOCK = 512;

    private ContextReader() {}

    /**
     * Reads {@code body} (which the caller closes) into a new private directory under
     * {@code options.workDir()}.
     *
     * @throws BerthException invalid-argument for a bad tar, a tar that climbs out, a context over
     *     the limit, a Dockerfile that cannot be found, climbs out or is empty; not-implemented for a
     *     remote URL
     */
    public static BuildContext read(InputStream body, ContextOptions options) {
        refuseRemote(options.remote());
        Path work;
        try {
            Files.createDirectories(options.workDir());
            work = Files.createTempDirectory(options.workDir(), "context-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))).toRealPath();
        } catch (IOException e) {
            throw BerthException.internal("cannot make a directory for the build context: " + e.getMessage(), e);
        }
        try {
            Path dir = Files.createDirectory(work.resolve("context"));
            unpack(body, dir, options);
            RootedTree tree = new RootedTree(dir);
            String dockerfilePath = locateDockerfile(tree, options.dockerfile());
            byte[] dockerfile = Files.readAllBytes(tree.follow(dockerfilePath));
            if (dockerfile.length == 0) {
                throw BerthException.invalid("the Dockerfile (" + options.dockerfile() + ") cannot be empty");
            }
            IgnoreMatcher ignore = readIgnore(tree);
            removeIgnored(tree, ignore, List.of(DockerIgnore.FILE_NAME, dockerfilePath));
            return new BuildContext(work, tree, dockerfilePath, dockerfile, ignore);
        } catch (IOException | RuntimeException e) {
            try {
                BuildContext.deleteTree(work);
            } catch (UncheckedIOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof IOException io) {
                throw BerthException.internal("cannot read the build context: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static void refuseRemote(Optional<String> remote) {
        if (remote.isEmpty()) {
            return;
        }
        String url = remote.get();
        if (url.equals(CLIENT_SESSION)) {
            throw BerthException.invalid("experimental session with v1 builder is no longer supported, use builder"
                    + " version v2 (BuildKit) instead");
        }
        if (isUrl(url) || isGitUrl(url)) {
            throw BerthException.notImplemented("cannot use remote build context \"" + url + "\": berth does not"
                    + " fetch build contexts; send the context (a tar or a Dockerfile) in the request body");
        }
        throw BerthException.invalid("remoteURL (" + url + ") could not be recognized as URL");
    }

    static boolean isUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://");
    }

    static boolean isGitUrl(String s) {
        return (isUrl(s) && s.contains(".git")) || s.startsWith("git://") || s.startsWith("git@")
                || s.startsWith("github.com/");
    }

    private static void unpack(InputStream body, Path dir, ContextOptions options) throws IOException {
        InputStream plain;
        try {
            plain = Compression.decompress(body);
        } catch (IOException e) {
            throw BerthException.invalid("invalid build context: " + e.getMessage(), e);
        }
        BufferedInputStream in = new BufferedInputStream(new SizeLimitedInputStream(plain, options.maxBytes()), 1 << 16);
        in.mark(TAR_BLOCK);
        byte[] head = in.readNBytes(TAR_BLOCK);
        in.reset();
        if (head.length == 0) {
            return; // an empty context: the Dockerfile will be missing
        }
        if (isTarHeader(head)) {
            // Rooted at the context itself, as Docker's chrootarchive.Untar chroots into it: an absolute
            // symlink means the context's root, and nothing resolves above it.
            RootedTree tree = new RootedTree(dir);
            new TreeExtractor(tree).extract(new TarEndPadding(in), tree.root(), new TreeExtractor.Options(false, Optional.empty()));
            return;
        }
        // Docker's CLI turns a bare Dockerfile on stdin into a one-file context; accept one sent as the body too.
        String name = contextPath(options.dockerfile());
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        try (var out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            in.transferTo(out);
        }
    }

    /** A full tar header block with a valid checksum, or the zero block that ends an empty tar. */
    static boolean isTarHeader(byte[] head) {
        if (head.length < TAR_BLOCK) {
            return false;
        }
        boolean zero = true;
        for (byte b : head) {
            zero &= b == 0;
        }
        return zero || TarUtils.verifyCheckSum(head);
    }

    /** A path in the context cleaned as Docker does, refused when it climbs out. */
    static String contextPath(String name) {
        String clean = GoPaths.clean("/" + name).substring(1);
        String lexical = GoPaths.clean(name.startsWith("/") ? name.substring(1) : name);
        if (lexical.equals("..") || lexical.startsWith("../")) {
            throw BerthException.invalid("forbidden path outside the build context: " + name + " ()");
        }
        return clean.isEmpty() ? "." : clean;
    }

    private static String locateDockerfile(RootedTree tree, String requested) throws IOException {
        String name = contextPath(requested);
        BasicFileAttributes a = RootedTree.lstat(tree.follow(name));
        if (a == null && requested.equals(ContextOptions.DEFAULT_DOCKERFILE)) {
            String lower = requested.toLowerCase();
            if (RootedTree.lstat(tree.follow(lower)) != null) {
                return locateDockerfile(tree, lower);
            }
        }
        if (a == null) {
            throw new BerthException(ErrorKind.INVALID_ARGUMENT, "Cannot locate specified Dockerfile: " + requested);
        }
        if (!a.isRegularFile()) {
            throw BerthException.invalid("the Dockerfile (" + requested + ") is not a regular file");
        }
        return name;
    }

    private static IgnoreMatcher readIgnore(RootedTree tree) throws IOException {
        Path p = tree.follow(DockerIgnore.FILE_NAME);
        BasicFileAttributes a = RootedTree.lstat(p);
        if (a == null || !a.isRegularFile()) {
            return IgnoreMatcher.none();
        }
        try (InputStream in = Files.newInputStream(p)) {
            return IgnoreMatcher.of(DockerIgnore.read(in));
        }
    }

    /** Docker's removeDockerfile: what the rules exclude of these is taken out once read. */
    private static void removeIgnored(RootedTree tree, IgnoreMatcher ignore, List<String> names) throws IOException {
        for (String name : names) {
            if (!ignore.matches(name)) {
                continue;
            }
            // the parent chroot-style, the entry itself not followed: a symlink goes, not its target
            Path parent = tree.follow(GoPaths.dir(name));
            String last = name.substring(name.lastIndexOf('/') + 1);
            BuildContext.deleteTree(parent.resolve(last));
        }
    }
}
