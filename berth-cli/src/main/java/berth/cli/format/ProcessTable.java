package berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The table {@code top} prints: ps's titles as the header, one line per process. The docker CLI
 * writes it through its own tabwriter (minimum column width 20, padding 3), wider than the other
 * tables, so a user comparing both tools sees the same columns.
 */
public final class ProcessTable {
    private static final int MIN_WIDTH = 20;
    private static final int PADDING = 3;

    private ProcessTable() {}

    public static String render(List<String> titles, List<List<String>> processes) {
        List<String> lines = new ArrayList<>();
        lines.add(String.join("\t", titles));
        for (List<String> p : processes) {
            lines.add(String.join("\t", p));
        }
        return TabWriter.align(lines, MIN_WIDTH, PADDING);
    }
}
