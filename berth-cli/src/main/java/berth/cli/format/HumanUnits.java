package berth.cli.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Sizes and durations written as the docker CLI writes them (its go-units package): "4.26MB" in
 * decimal units with three significant digits, "5 seconds", "About an hour", "2 weeks".
 */
public final class HumanUnits {
    private static final String[] DECIMAL_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private HumanUnits() {}

    /** units.HumanSizeWithPrecision(size, 3): base 1000, {@code %.3g} then the unit. */
    public static String size(double bytes) {
        return size(bytes, 3);
    }

    /** units.HumanSize: base 1000, {@code %.4g} then the unit ({@code 3.072kB}), as build and builder prune print sizes. */
    public static String goHumanSize(double bytes) {
        return size(bytes, 4);
    }

    private static String size(double bytes, int precision) {
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < DECIMAL_UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return formatG(v, precision) + DECIMAL_UNITS[unit];
    }

    /** units.BytesSize: base 1024 with "KiB", "MiB"..., {@code %.4g}, as {@code info} prints memory. */
    public static String binarySize(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return formatG(v, 4) + units[unit];
    }

    /** Go's {@code %.3g}: three significant digits, trailing zeros dropped, exponent when it reaches 3. */
    static String formatG(double v, int precision) {
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** units.HumanDuration. */
    public static String duration(Duration d) {
        double seconds = d.toNanos() / 1e9;
        long secs = (long) seconds;
        if (seconds < 1) {
            return "Less than a second";
        }
        if (secs == 1) {
            return "1 second";
        }
        if (secs < 60) {
            return secs + " seconds";
        }
        long minutes = (long) (seconds / 60);
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(seconds / 3600);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return (long) (seconds / 3600 / 24 / 365) + " years";
    }

    /** "5 seconds ago", as ps and images print their CREATED column. */
    public static String ago(Instant then, Instant now) {
        return duration(Duration.between(then, now)) + " ago";
    }

    /** Go's default time.Time string as the docker CLI's CreatedAt shows it: "2024-01-02 15:04:05 +0000 UTC". */
    public static String goTime(Instant t) {
        return GO_TIME.format(t.atZone(ZoneId.systemDefault()));
    }
}
