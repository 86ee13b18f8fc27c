package berth.runtime.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The rotated files of a spool at {@code P}: {@code P.<seq>}, older first (see {@link K8sFileSpool}). */
final class RotatedLogFiles {
    private RotatedLogFiles() {}

    /** A rotated file and its sequence number. */
    record Rotated(long seq, Path path) {}

    static Path name(Path log, long seq) {
        return log.resolveSibling(log.getFileName() + "." + seq);
    }

    static List<Rotated> list(Path log) throws IOException {
        String prefix = log.getFileName() + ".";
        List<Rotated> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(log.toAbsolutePath().getParent())) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(prefix) && isSeq(n.substring(prefix.length()))) {
                    out.add(new Rotated(Long.parseLong(n.substring(prefix.length())), f));
                }
            }
        }
        out.sort(Comparator.comparingLong(Rotated::seq));
        return out;
    }

    private static boolean isSeq(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
