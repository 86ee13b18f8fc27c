package berth.build.context;

import berth.errors.BerthException;
import java.util.regex.Pattern;

/**
 * Translates Go's {@code filepath.Match} syntax into a regular expression: {@code *} is any run of
 * characters but {@code /}, {@code ?} one character but {@code /}, {@code [...]} a class ({@code ^}
 * negates, {@code a-z} ranges, {@code \} escapes), {@code \x} the character x. With {@code doubleStar}
 * (the {@code .dockerignore} dialect) {@code **} also matches any number of directories.
 *
 * <p>Every other character is literal. (Docker 20.10 passed characters such as {@code +} or
 * {@code (} through to its regular expression unescaped, so {@code a+b} matched {@code aab}; later
 * patternmatcher releases treat them as literals, and so do we.)
 */
public final class GlobSyntax {
    private GlobSyntax() {}

    /** The compiled pattern; a malformed one fails with Go's "syntax error in pattern". */
    public static Pattern compile(String glob, boolean doubleStar) {
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (doubleStar && i + 1 < n && glob.charAt(i + 1) == '*') {
                    i += 2;
                    if (i < n && glob.charAt(i) == '/') {
                        i++; // "**/" is the same as "**"
                    }
                    // "**" at the end matches everything, as in .gitignore; elsewhere any number of directories
                    re.append(i == n ? ".*" : "(?:.*/)?");
                    continue;
                }
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[') {
                i = charClass(glob, i + 1, re);
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw syntax(glob);
                }
                literal(glob.codePointAt(i + 1), re);
                i += 1 + Character.charCount(glob.codePointAt(i + 1));
            } else {
                int cp = glob.codePointAt(i);
                literal(cp, re);
                i += Character.charCount(cp);
            }
        }
        return Pattern.compile(re.append('$').toString(), Pattern.DOTALL);
    }

    /** Parses a class after its '[' the way Go's matchChunk does; returns the index after its ']'. */
    private static int charClass(String glob, int i, StringBuilder re) {
        re.append('[');
        if (i < glob.length() && glob.charAt(i) == '^') {
            re.append('^');
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i < glob.length() && glob.charAt(i) == ']' && ranges > 0) {
                re.append(']');
                return i + 1;
            }
            int[] lo = escaped(glob, i);
            i = lo[1];
            literal(lo[0], re);
            if (glob.charAt(i) == '-') {
                int[] hi = escaped(glob, i + 1);
                i = hi[1];
                if (hi[0] < lo[0]) {
                    throw syntax(glob); // Java refuses reversed ranges; Go's Match just never matches them
                }
                re.append('-');
                literal(hi[0], re);
            }
            ranges++;
        }
    }

    /** One possibly escaped class character at i: {code point, next index}; something must follow it. */
    private static int[] escaped(String glob, int i) {
        int n = glob.length();
        if (i >= n || glob.charAt(i) == '-' || glob.charAt(i) == ']') {
            throw syntax(glob);
        }
        if (glob.charAt(i) == '\\') {
            i++;
            if (i >= n) {
                throw syntax(glob);
            }
        }
        int cp = glob.codePointAt(i);
        i += Character.charCount(cp);
        if (i >= n) {
            throw syntax(glob); // the class is never closed
        }
        return new int[] {cp, i};
    }

    private static void literal(int cp, StringBuilder re) {
        re.append("\\x{").append(Integer.toHexString(cp)).append('}');
    }

    /** True when a COPY/ADD source holds an unescaped wildcard (Docker's containsWildcards). */
    public static boolean hasWildcards(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static BerthException syntax(String glob) {
        return BerthException.invalid("syntax error in pattern: \"" + glob + "\"");
    }
}
