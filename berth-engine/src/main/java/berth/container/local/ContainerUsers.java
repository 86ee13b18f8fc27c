package berth.container.local;

import berth.archive.RootedTree;
import berth.archive.TreeExtractor;
import berth.errors.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The uid and gid of a container's configured user ({@code name}, {@code uid}, {@code name:group},
 * {@code uid:gid}), read from the container's own {@code /etc/passwd} and {@code /etc/group}, for
 * {@code docker cp --archive}.
 */
final class ContainerUsers {
    private ContainerUsers() {}

    static TreeExtractor.Owner lookup(RootedTree tree, String user) throws IOException {
        String[] parts = user.split(":", 2);
        Optional<String[]> pw = entry(tree, "/etc/passwd", parts[0]);
        int uid;
        int gid;
        if (parts[0].matches("\\d+")) {
            uid = Integer.parseInt(parts[0]);
            gid = pw.map(f -> Integer.parseInt(f[3])).orElse(uid);
        } else {
            String[] f = pw.orElseThrow(() -> BerthException.invalid("unable to find user " + parts[0]
                    + ": no matching entries in passwd file"));
            uid = Integer.parseInt(f[2]);
            gid = Integer.parseInt(f[3]);
        }
        if (parts.length == 2 && !parts[1].isEmpty()) {
            if (parts[1].matches("\\d+")) {
                gid = Integer.parseInt(parts[1]);
            } else {
                gid = Integer.parseInt(entry(tree, "/etc/group", parts[1]).orElseThrow(() -> BerthException.invalid(
                        "unable to find group " + parts[1] + ": no matching entries in group file"))[2]);
            }
        }
        return new TreeExtractor.Owner(uid, gid);
    }

    /** The colon-separated fields of the line whose name (or, for a number, id) matches. */
    private static Optional<String[]> entry(RootedTree tree, String file, String nameOrId) throws IOException {
        Path p = tree.follow(file);
        if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        boolean byId = nameOrId.matches("\\d+");
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && (byId ? f[2].equals(nameOrId) : f[0].equals(nameOrId))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
