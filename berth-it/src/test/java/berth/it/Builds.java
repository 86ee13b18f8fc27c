package berth.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the build tests share: the classic-builder CLI, contexts written to disk, the printed steps read back. */
final class Builds {
    private static final Pattern STEP = Pattern.compile("(?m)^Step (\\d+)/(\\d+) : (.*)$");

    private Builds() {}

    /** The docker CLI with {@code DOCKER_BUILDKIT=0}: {@code POST /build}, the classic builder's API. */
    static Docker cli(DaemonHarness daemon) {
        return new Docker(daemon).withEnv("DOCKER_BUILDKIT", "0");
    }

    /**
     * A word unique to this test run: put in a Dockerfile (an {@code ENV}) it makes the first build of
     * that Dockerfile cold even if another test, or an earlier run on the same daemon, built a twin.
     */
    static String nonce() {
        return Long.toHexString(System.nanoTime()) + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    }

    /** Writes {@code path, text, path, text, ...} under {@code dir}, making parent directories. */
    static Path write(Path dir, String... pathsAndTexts) throws IOException {
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            Path file = dir.resolve(pathsAndTexts[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndTexts[i + 1], StandardCharsets.UTF_8);
        }
        return dir;
    }

    /** The "Step i/N : instruction" lines the build printed, in order. */
    static List<String> steps(String out) {
        List<String> steps = new ArrayList<>();
        Matcher m = STEP.matcher(out);
        while (m.find()) {
            steps.add(m.group());
        }
        return steps;
    }

    /**
     * One letter per printed step: {@code F} for a FROM (never cached, it names an image), {@code C} for a
     * step answered from the cache ({@code " ---> Using cache"} before the next step), {@code B} for a step
     * that was built. "FCCBB" reads as: cached up to the third step, rebuilt from the fourth on.
     */
    static String cacheMap(String out) {
        StringBuilder map = new StringBuilder();
        Matcher m = STEP.matcher(out);
        List<int[]> spans = new ArrayList<>();
        List<String> instructions = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            instructions.add(m.group(3));
        }
        for (int i = 0; i < spans.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : out.length();
            String body = out.substring(spans.get(i)[1], end);
            if (instructions.get(i).regionMatches(true, 0, "FROM ", 0, 5)) {
                map.append('F');
            } else {
                map.append(body.contains("\n ---> Using cache\n") ? 'C' : 'B');
            }
        }
        return map.toString();
    }

    /** The 12-hex ID after "Successfully built", or "" when the build printed none. */
    static String builtId(String out) {
        Matcher m = Pattern.compile("(?m)^Successfully built ([0-9a-f]{12})$").matcher(out);
        return m.find() ? m.group(1) : "";
    }

    /** The names of the data root's snapshot directories (one per layer, see OverlaySnapshotter). */
    static List<String> snapshotDirs(DaemonHarness daemon) throws IOException {
        try (var s = Files.list(daemon.dataRoot().resolve("snapshots"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
