package berth.cli.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A host file or directory tree as a tar stream for {@code PUT /containers/{c}/archive}: the top
 * entry is named {@code rootName}, the tree below it keeps its names; symlinks are archived as links
 * (the top one followed with -L); owners and modes come along (the daemon keeps them with -a).
 */
public final class HostArchive {
    private HostArchive() {}

    public static void write(Path source, String rootName, boolean followTop, OutputStream out) throws IOException {
        TarOutput tar = new TarOutput(out);
        add(tar, source, rootName, followTop);
        tar.close();
    }

    /** A directory's children at the top of the archive ("SRC/." copies the contents, not the directory). */
    public static void writeContents(Path dir, OutputStream out) throws IOException {
        TarOutput tar = new TarOutput(out);
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        }
        for (Path c : children) {
            add(tar, c, c.getFileName().toString(), false);
        }
        tar.close();
    }

    private static void add(TarOutput tar, Path path, String name, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime,isDirectory,isSymbolicLink,isRegularFile", opts);
        int mode = (Integer) a.get("mode");
        long uid = ((Integer) a.get("uid")).longValue();
        long gid = ((Integer) a.get("gid")).longValue();
        long mtime = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis() / 1000;
        if ((Boolean) a.get("isSymbolicLink")) {
            tar.write(new TarEntry(name, TarEntry.Type.SYMLINK, mode, uid, gid, 0, mtime, Files.readSymbolicLink(path).toString()), null);
        } else if ((Boolean) a.get("isDirectory")) {
            tar.write(new TarEntry(name + "/", TarEntry.Type.DIRECTORY, mode, uid, gid, 0, mtime, ""), null);
            List<Path> children;
            try (Stream<Path> s = Files.list(path)) {
                children = s.sorted().toList();
            }
            for (Path c : children) {
                add(tar, c, name + "/" + c.getFileName(), false);
            }
        } else if ((Boolean) a.get("isRegularFile")) {
            long size = (Long) a.get("size");
            try (InputStream in = Files.newInputStream(path)) {
                tar.write(new TarEntry(name, TarEntry.Type.FILE, mode, uid, gid, size, mtime, ""), in);
            }
        }
        // sockets, fifos and devices are skipped, as they cannot be recreated from their content
    }
}
