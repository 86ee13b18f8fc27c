package berth.image;

import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The word rules of Dockerfile instructions: double and single quotes, backslash escapes, and
 * {@code $VAR} / {@code ${VAR}} / {@code ${VAR:-default}} expansion from the environment built so far
 * (never inside single quotes). Unset variables expand to nothing, as in Docker.
 */
final class ShellWords {
    private ShellWords() {}

    /** Splits on unquoted whitespace, processing quotes, escapes and variables. */
    static List<String> split(String s, Map<String, String> env) {
        return lex(s, env, true);
    }

    /** Processes quotes, escapes and variables, keeping whitespace: one word. */
    static String word(String s, Map<String, String> env) {
        List<String> w = lex(s, env, false);
        return w.isEmpty() ? "" : w.getFirst();
    }

    private static List<String> lex(String s, Map<String, String> env, boolean splitWords) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (splitWords && Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
                i++;
                continue;
            }
            inWord = true;
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw BerthException.invalid("unexpected end of statement while looking for matching single-quote in: " + s);
                }
                cur.append(s, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw BerthException.invalid("unexpected end of statement while looking for matching double-quote in: " + s);
                    }
                    char d = s.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < s.length() && "\"\\$".indexOf(s.charAt(i + 1)) >= 0) {
                        cur.append(s.charAt(i + 1));
                        i += 2;
                    } else if (d == '$') {
                        i = expand(s, i, env, cur);
                    } else {
                        cur.append(d);
                        i++;
                    }
                }
            } else if (c == '$') {
                i = expand(s, i, env, cur);
            } else {
                cur.append(c);
                i++;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    /** Expands the variable at {@code s[i] == '$'}; returns the index after it. */
    private static int expand(String s, int i, Map<String, String> env, StringBuilder out) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '{') {
            int end = s.indexOf('}', j);
            if (end < 0) {
                throw BerthException.invalid("missing '}' in: " + s);
            }
            String body = s.substring(j + 1, end);
            int op = body.indexOf(':');
            String name = op < 0 ? body : body.substring(0, op);
            String value = env.get(name);
            if (op >= 0 && op + 1 < body.length()) {
                char kind = body.charAt(op + 1);
                String word = body.substring(op + 2);
                if (kind == '-') {
                    value = value == null || value.isEmpty() ? word : value;
                } else if (kind == '+') {
                    value = value == null || value.isEmpty() ? "" : word;
                }
            }
            out.append(value == null ? "" : value);
            return end + 1;
        }
        int k = j;
        while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            k++;
        }
        if (k == j) {
            out.append('$');
            return j;
        }
        String value = env.get(s.substring(j, k));
        out.append(value == null ? "" : value);
        return k;
    }
}
