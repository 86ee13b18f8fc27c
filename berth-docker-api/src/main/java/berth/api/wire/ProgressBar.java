package berth.api.wire;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The {@code progress} string of a progress line, rendered as dockerd renders it (jsonmessage's
 * JSONProgress at its server-side width of 200 columns): {@code [=====>      ] 1.2MB/3.4MB}, a plain
 * size when the total is unknown, nothing when there is no count at all. Clients with a terminal
 * redraw it from {@code progressDetail}; this is for those that print the string.
 */
public final class ProgressBar {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final int WIDTH = 50;

    private ProgressBar() {}

    public static String render(long current, long total) {
        if (current <= 0 && total <= 0) {
            return "";
        }
        if (total <= 0) {
            return pad(humanSize(current));
        }
        int filled = (int) Math.min(WIDTH, (int) ((double) current / total * 100) / 2);
        String bar = "[" + "=".repeat(filled) + ">" + " ".repeat(WIDTH - filled) + "] ";
        // a current beyond the total (a wonky count) shows the count alone, as Docker does
        String numbers = current > total ? pad(humanSize(current)) : pad(humanSize(current)) + "/" + humanSize(total);
        return bar + numbers;
    }

    /** go-units HumanSize: base 1000, {@code %.4g}, then the unit. */
    public static String humanSize(double bytes) {
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return formatG4(v) + UNITS[unit];
    }

    /** Go's {@code %.4g} for values below 1000: four significant digits, trailing zeros dropped. */
    private static String formatG4(double v) {
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** Go's {@code %8v}: right-aligned in eight columns. */
    private static String pad(String s) {
        return s.length() >= 8 ? s : " ".repeat(8 - s.length()) + s;
    }
}
