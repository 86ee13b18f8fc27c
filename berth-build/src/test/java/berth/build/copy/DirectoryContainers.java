package berth.build.copy;

import berth.archive.RootedTree;
import berth.archive.TreeArchiver;
import berth.archive.TreeExtractor;
import berth.container.ArchiveSink;
import berth.container.ContainerService;
import berth.container.PathStat;
import berth.errors.BerthException;
import berth.store.PathNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A ContainerService whose containers are plain directories, with the file operations a COPY step
 * uses done by the engine's own archive classes and the path rules of {@code docker cp}
 * (ContainerArchives): the parent followed inside the root, the last element not for stat and archive,
 * followed for extraction. Everything else is unsupported.
 */
final class DirectoryContainers {
    private final Map<String, Path> roots = new HashMap<>();
    final ContainerService service = (ContainerService) Proxy.newProxyInstance(
            ContainerService.class.getClassLoader(), new Class<?>[] {ContainerService.class}, (proxy, m, args) -> {
                return switch (m.getName()) {
                    case "statPath" -> stat((String) args[0], (String) args[1]);
                    case "archivePath" -> {
                        archive((String) args[0], (String) args[1], (ArchiveSink) args[2]);
                        yield null;
                    }
                    case "extractToDir" -> {
                        extract((String) args[0], (String) args[1], (InputStream) args[2]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                };
            });

    void add(String id, Path root) {
        roots.put(id, root);
    }

    private RootedTree tree(String id) throws IOException {
        Path root = roots.get(id);
        if (root == null) {
            throw BerthException.notFound("No such container: " + id);
        }
        return new RootedTree(root);
    }

    /** The host path of a container path, its last element not followed. */
    private Path keepingLast(RootedTree tree, String path) throws IOException {
        String clean = PathNames.clean(path);
        if (clean.equals("/")) {
            return tree.root();
        }
        int slash = clean.lastIndexOf('/');
        return tree.follow(clean.substring(0, slash + 1)).resolve(clean.substring(slash + 1));
    }

    private PathStat stat(String id, String path) throws IOException {
        RootedTree tree = tree(id);
        Path p = keepingLast(tree, path);
        if (RootedTree.lstat(p) == null) {
            throw BerthException.notFound("Could not find the file " + path + " in container " + id);
        }
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (int) a.get("mode");
        String link = (mode & PathStat.S_IFMT) == PathStat.S_IFLNK ? tree.inTree(tree.follow(path)) : "";
        return new PathStat(Destination.baseName(PathNames.clean(path)), (long) a.get("size"), mode,
                ((FileTime) a.get("lastModifiedTime")).toInstant(), link);
    }

    private void archive(String id, String path, ArchiveSink sink) throws IOException {
        PathStat st = stat(id, path);
        Path p = keepingLast(tree(id), path);
        OutputStream out = sink.open(st);
        TreeArchiver.write(p, Optional.of(st.name().equals("/") ? "" : st.name()), out);
        out.flush();
    }

    private void extract(String id, String path, InputStream tar) throws IOException {
        RootedTree tree = tree(id);
        Path dir = tree.follow(path);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw BerthException.invalid("extraction point is not a directory");
        }
        new TreeExtractor(tree).extract(tar, dir, new TreeExtractor.Options(false, Optional.empty()));
    }
}
