package berth.cli.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A build context directory as the tar {@code docker build} uploads: names relative to the directory (no
 * entry for the directory itself), directories ending in {@code /}, symlinks as links, permission bits
 * and times kept, and every owner 0:0, as the docker CLI writes it. Files are streamed; nothing is held.
 *
 * <p>Unlike the docker CLI, this sends the files {@code .dockerignore} excludes too: the daemon applies the
 * same rules when it reads the context, and one matcher (the daemon's) is less to get wrong than two.
 *
 * <p>A Dockerfile that is not in the directory (read from stdin with {@code -f -}, or a {@code -f} path
 * outside the context) joins it under a random name ({@code .dockerfile.<20 hex>}), which is added to
 * {@code .dockerignore} so that {@code COPY . /} does not pick it up, as the docker CLI does it.
 */
public final class ContextArchive {
    /** A Dockerfile added to the context under {@code name}. */
    public record ExtraDockerfile(String name, byte[] content) {}

    private static final String DOCKERIGNORE = ".dockerignore";

    private ContextArchive() {}

    public static void write(Path dir, Optional<ExtraDockerfile> extra, OutputStream out) throws IOException {
        TarOutput tar = new TarOutput(out);
        boolean sawIgnoreFile = false;
        for (Path child : children(dir)) {
            String name = child.getFileName().toString();
            if (extra.isPresent() && name.equals(DOCKERIGNORE) && Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                sawIgnoreFile = true;
                byte[] amended = concat(Files.readAllBytes(child), ("\n" + extra.get().name() + "\n").getBytes(StandardCharsets.UTF_8));
                Map<String, Object> a = Files.readAttributes(child, "unix:mode,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
                file(tar, name, (Integer) a.get("mode"), seconds((FileTime) a.get("lastModifiedTime")), amended);
            } else {
                add(tar, child, name);
            }
        }
        if (extra.isPresent()) {
            long now = System.currentTimeMillis() / 1000;
            if (!sawIgnoreFile) {
                file(tar, DOCKERIGNORE, 0600, now, (DOCKERIGNORE + "\n" + extra.get().name() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            file(tar, extra.get().name(), 0600, now, extra.get().content());
        }
        tar.close();
    }

    /** A context made of one Dockerfile (a Dockerfile given on stdin instead of a context). */
    public static void writeDockerfileOnly(byte[] dockerfile, OutputStream out) throws IOException {
        TarOutput tar = new TarOutput(out);
        file(tar, "Dockerfile", 0600, System.currentTimeMillis() / 1000, dockerfile);
        tar.close();
    }

    private static void add(TarOutput tar, Path path, String name) throws IOException {
        Map<String, Object> a = Files.readAttributes(path,
                "unix:mode,size,lastModifiedTime,isDirectory,isSymbolicLink,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long mtime = seconds((FileTime) a.get("lastModifiedTime"));
        if ((Boolean) a.get("isSymbolicLink")) {
            tar.write(new TarEntry(name, TarEntry.Type.SYMLINK, mode, 0, 0, 0, mtime, Files.readSymbolicLink(path).toString()), null);
        } else if ((Boolean) a.get("isDirectory")) {
            tar.write(new TarEntry(name + "/", TarEntry.Type.DIRECTORY, mode, 0, 0, 0, mtime, ""), null);
            for (Path c : children(path)) {
                add(tar, c, name + "/" + c.getFileName());
            }
        } else if ((Boolean) a.get("isRegularFile")) {
            try (InputStream in = Files.newInputStream(path)) {
                tar.write(new TarEntry(name, TarEntry.Type.FILE, mode, 0, 0, (Long) a.get("size"), mtime, ""), in);
            }
        }
        // sockets, fifos and devices have no place in an image built from a context
    }

    private static void file(TarOutput tar, String name, int mode, long mtime, byte[] content) throws IOException {
        tar.write(new TarEntry(name, TarEntry.Type.FILE, mode, 0, 0, content.length, mtime, ""), new ByteArrayInputStream(content));
    }

    /** In name order, as Go's filepath.Walk goes (so the same tree always gives the same tar). */
    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString())).toList();
        }
    }

    private static long seconds(FileTime t) {
        return t.toMillis() / 1000;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
