package berth.build.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@code .dockerignore} file into its rules, as Docker's {@code dockerignore.ReadAll} does. */
public final class DockerIgnore {
    /** The file's name at the root of the context. */
    public static final String FILE_NAME = ".dockerignore";

    private DockerIgnore() {}

    /**
     * The rules of a {@code .dockerignore}: a UTF-8 byte order mark is dropped; lines starting with
     * {@code #} (before any trimming) are comments; lines are trimmed and blank ones dropped; each
     * rule is cleaned (Go's {@code filepath.Clean}) with a leading {@code /} removed, keeping its
     * {@code !}.
     */
    public static List<String> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> rules = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            // Go's line scanner: lines end at \n, a \r before it is dropped, a lone \r is not an end
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            String p = line.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean invert = p.charAt(0) == '!';
            if (invert) {
                p = p.substring(1).strip();
            }
            if (!p.isEmpty()) {
                p = GoPaths.clean(p);
                if (p.length() > 1 && p.charAt(0) == '/') {
                    p = p.substring(1);
                }
            }
            rules.add(invert ? "!" + p : p);
        }
        return rules;
    }

    public static List<String> read(InputStream in) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
