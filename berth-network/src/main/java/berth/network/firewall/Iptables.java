package berth.network.firewall;

import berth.errors.BerthException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs iptables-save and iptables-restore, optionally behind a command prefix (e.g.
 * {@code ip netns exec NS}, so a test's filter works inside a throw-away namespace). berth changes
 * rules only through {@link #restore}: one process and one atomic commit per table per operation.
 */
public final class Iptables {
    private static final Pattern FAILED_LINE = Pattern.compile("line (\\d+) failed");

    private final List<String> prefix;

    private Iptables(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /** The daemon's own network namespace. */
    public static Iptables host() {
        return new Iptables(List.of());
    }

    /** Every command run as {@code prefix + [iptables-restore, ...]}. */
    public static Iptables via(List<String> prefix) {
        return new Iptables(prefix);
    }

    /** The current rules of every table. */
    String save() {
        return run(List.of("iptables-save"), null);
    }

    /** Applies a batch without touching other rules; waits for the xtables lock. */
    void restore(RestoreBatch batch) {
        if (!batch.isEmpty()) {
            run(List.of("iptables-restore", "-w", "--noflush"), batch.render());
        }
    }

    private String run(List<String> command, String input) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(command);
        String output;
        int exit;
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = p.waitFor();
        } catch (IOException e) {
            throw BerthException.internal("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted while running " + command.getFirst(), e);
        }
        if (exit != 0) {
            throw BerthException.internal(command.getFirst() + " failed (exit " + exit + "): " + output.strip()
                    + failingLine(output, input), null);
        }
        return output;
    }

    /** iptables-restore names the line it choked on; quote it, since that is what a reader needs. */
    private static String failingLine(String output, String input) {
        Matcher m = FAILED_LINE.matcher(output);
        if (input == null || !m.find()) {
            return "";
        }
        String[] lines = input.split("\n");
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= lines.length ? " [" + lines[n - 1] + "]" : "";
    }
}
