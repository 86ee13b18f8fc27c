package berth.cli.format;

/** Docker's ID and text shortening rules (stringid.TruncateID, formatter.Ellipsis, strconv.Quote). */
public final class Ids {
    private Ids() {}

    /** Drops an algorithm prefix ("sha256:") and keeps 12 characters. */
    public static String shortId(String id) {
        String s = id;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            s = s.substring(colon + 1);
        }
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    /** Cuts to {@code max} characters, the last being "…", when longer. */
    public static String ellipsis(String s, int max) {
        int runes = s.codePointCount(0, s.length());
        if (runes <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** A double-quoted string with Go's escapes for quotes, backslashes and control characters. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        sb.append(String.format("\\x%02x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
