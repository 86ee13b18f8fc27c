package berth.cli.opts;

import java.util.Locale;

/**
 * Sizes as docker's flags take them (go-units RAMInBytes): a number, optionally fractional, then
 * an optional unit b, k, m, g, t or p (any case, binary multiples, "kb"/"kib" spellings allowed):
 * "64m" is 64 MiB, "1.5g" 1.5 GiB, "512" bytes.
 */
public final class ByteSizes {
    private ByteSizes() {}

    public static long ramInBytes(String s) {
        int sep = lastIndexOfAny(s, "0123456789. ");
        if (sep < 0) {
            throw new BadValueException("invalid size: '" + s + "'");
        }
        String num = s.charAt(sep) == ' ' ? s.substring(0, sep) : s.substring(0, sep + 1);
        String sfx = s.substring(sep + 1);
        double size;
        try {
            if (!num.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new NumberFormatException();
            }
            size = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new BadValueException("strconv.ParseFloat: parsing \"" + num + "\": invalid syntax");
        }
        if (size < 0) {
            throw new BadValueException("invalid size: '" + s + "'");
        }
        if (sfx.isEmpty()) {
            return (long) size;
        }
        if (sfx.length() > 3) {
            throw badSuffix(sfx);
        }
        String lower = sfx.toLowerCase(Locale.ROOT);
        if (lower.charAt(0) == 'b') {
            if (lower.length() > 1) {
                throw badSuffix(lower);
            }
            return (long) size;
        }
        int power = "kmgtp".indexOf(lower.charAt(0));
        if (power < 0) {
            throw badSuffix(lower);
        }
        if ((lower.length() == 2 && lower.charAt(1) != 'b') || (lower.length() == 3 && !lower.substring(1).equals("ib"))) {
            throw badSuffix(lower);
        }
        return (long) (size * Math.pow(1024, power + 1));
    }

    /** --memory-swap: a size, or -1 for unlimited swap. */
    public static long swapBytes(String s) {
        return s.equals("-1") ? -1 : ramInBytes(s);
    }

    private static BadValueException badSuffix(String sfx) {
        return new BadValueException("invalid suffix: '" + sfx + "'");
    }

    private static int lastIndexOfAny(String s, String chars) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
