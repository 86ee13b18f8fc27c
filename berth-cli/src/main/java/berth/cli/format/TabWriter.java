package berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated lines into columns the way the docker CLI's tables do (Go text/tabwriter
 * with minwidth 10, padding 3, spaces): a column is as wide as its widest cell plus 3, at least 10;
 * the last cell of a line is not padded.
 */
public final class TabWriter {
    private static final int MIN_WIDTH = 10;
    private static final int PADDING = 3;

    private TabWriter() {}

    public static String align(List<String> lines) {
        return align(lines, MIN_WIDTH, PADDING);
    }

    /** As {@link #align(List)} with another minimum column width and padding (docker top uses 20 and 3). */
    public static String align(List<String> lines, int minWidth, int padding) {
        List<String[]> rows = new ArrayList<>();
        for (String l : lines) {
            rows.add(l.split("\t", -1));
        }
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < r.length - 1; c++) {
                widths[c] = Math.max(widths[c], Math.max(minWidth, width(r[c]) + padding));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                out.append(r[c]);
                if (c < r.length - 1) {
                    out.append(" ".repeat(widths[c] - width(r[c])));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Display width in runes, as tabwriter counts it. */
    static int width(String s) {
        return s.codePointCount(0, s.length());
    }
}
