package berth.container.local;

import berth.container.TopResult;
import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads the host's {@code ps} output into {@code docker top}'s shape, keeping only a container's
 * processes. Like Docker: the header's words are the titles, the PID column picks the rows, and the
 * last column (the command) keeps its spaces.
 */
final class PsOutput {
    private PsOutput() {}

    static TopResult parse(String output, Set<Integer> pids) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw BerthException.internal("ps printed nothing", null);
        }
        List<String> titles = Arrays.asList(lines.getFirst().trim().split("\\s+"));
        int pidColumn = titles.indexOf("PID");
        if (pidColumn < 0) {
            throw BerthException.invalid("Couldn't find PID field in ps output");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+", titles.size());
            if (fields.length <= pidColumn) {
                continue;
            }
            try {
                if (pids.contains(Integer.parseInt(fields[pidColumn]))) {
                    rows.add(List.of(fields));
                }
            } catch (NumberFormatException e) {
                throw BerthException.invalid("Unexpected pid '" + fields[pidColumn] + "' in ps output");
            }
        }
        return new TopResult(titles, rows);
    }
}
