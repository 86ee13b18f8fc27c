package berth.cli.format;

/**
 * A layer's progress as the docker CLI draws it from a progress line's {@code progressDetail}
 * (jsonmessage's JSONProgress): {@code [=====>     ]  1.2MB/3.4MB} on a terminal wider than 110
 * columns, the counts alone on a narrower one, the size alone when the total is unknown, nothing
 * when nothing is counted. Sizes are go-units' HumanSize (base 1000, four significant digits).
 */
public final class ProgressBar {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    /** Below this width docker leaves the bar out and shows only the counts. */
    static final int BAR_MIN_WIDTH = 111;

    private ProgressBar() {}

    public static String render(long current, long total, int terminalWidth) {
        if (current <= 0 && total <= 0) {
            return "";
        }
        if (total <= 0) {
            return pad(humanSize(current));
        }
        int filled = Math.min(50, (int) ((double) current / total * 100) / 2);
        String bar = terminalWidth >= BAR_MIN_WIDTH ? "[" + "=".repeat(filled) + ">" + " ".repeat(50 - filled) + "] " : "";
        String numbers = current > total ? pad(humanSize(current)) : pad(humanSize(current)) + "/" + humanSize(total);
        return bar + numbers;
    }

    /** go-units HumanSize: {@code %.4g} and a decimal unit. */
    public static String humanSize(double bytes) {
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return HumanUnits.formatG(v, 4) + UNITS[unit];
    }

    private static String pad(String s) {
        return s.length() >= 8 ? s : " ".repeat(8 - s.length()) + s;
    }
}
