package berth.cli.opts;

/** Integers and booleans parsed as Go's strconv does, with its error texts (docker shows them as they are). */
public final class GoNumbers {
    private GoNumbers() {}

    /** strconv.ParseInt(s, 10, 64). */
    public static long parseLong(String s) {
        if (!s.matches("[+-]?\\d+")) {
            throw new BadValueException("strconv.ParseInt: parsing \"" + s + "\": invalid syntax");
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new BadValueException("strconv.ParseInt: parsing \"" + s + "\": value out of range");
        }
    }

    /** strconv.Atoi: a Go int, which is 64 bits on our platforms. */
    public static long atoi(String s) {
        if (!s.matches("[+-]?\\d+")) {
            throw new BadValueException("strconv.Atoi: parsing \"" + s + "\": invalid syntax");
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new BadValueException("strconv.Atoi: parsing \"" + s + "\": value out of range");
        }
    }

    /** strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
    public static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new BadValueException("strconv.ParseBool: parsing \"" + s + "\": invalid syntax");
        };
    }
}
