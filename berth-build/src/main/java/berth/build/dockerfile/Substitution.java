package berth.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dockerfile variable substitution, as Docker's shell lexer does it for the instructions that expand
 * (ADD, ARG, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR).
 *
 * <p>Supported: {@code $name}, {@code ${name}}, {@code ${name:-word}} (word if unset or empty),
 * {@code ${name-word}} (word if unset), {@code ${name:+word}} (word if set and not empty),
 * {@code ${name+word}} (word if set), {@code ${name:?message}} and {@code ${name?message}} (an error
 * if unset [or empty]). A name is letters, digits and {@code _}; a {@code $} not followed by one is
 * literal. Outside quotes the escape character (the {@code # escape=} directive, {@code \} by
 * default) makes the next character literal; in double quotes it escapes only {@code "}, {@code $} and
 * itself; single quotes are literal. Quotes are removed. Unset variables expand to the empty string.
 *
 * <p>Example: with {@code {"V": "1.2"}}, {@code word("app-${V:-dev}.tar")} is {@code app-1.2.tar} and
 * {@code word("'$V'")} is {@code $V}.
 */
public final class Substitution {
    private static final int END = -1;

    private final char escape;

    public Substitution(char escape) {
        if (escape != '\\' && escape != '`') {
            throw new IllegalArgumentException("escape must be \\ or `, not " + escape);
        }
        this.escape = escape;
    }

    /** Substitution with the default escape character {@code \}. */
    public static Substitution standard() {
        return new Substitution('\\');
    }

    public char escape() {
        return escape;
    }

    /** One word: see the class comment. */
    public String word(String text, Map<String, String> env) {
        Scan scan = new Scan(text, env);
        return scan.processTo(END).text;
    }

    /** Expands and splits at unquoted whitespace; whitespace in a variable's value splits too. */
    public List<String> words(String text, Map<String, String> env) {
        Scan scan = new Scan(text, env);
        return scan.processTo(END).words.finish();
    }

    /**
     * A heredoc body as a shell expands an unquoted heredoc: {@code $name} and {@code ${...}}
     * substituted, {@code \$ \` \\} and backslash-newline unescaped, quotes kept.
     */
    public String heredoc(String body, Map<String, String> env) {
        Scan scan = new Scan(body, env);
        StringBuilder out = new StringBuilder();
        while (scan.pos < body.length()) {
            char ch = body.charAt(scan.pos);
            if (ch == '$') {
                out.append(scan.dollar());
            } else if (ch == '\\' && scan.pos + 1 < body.length() && "$`\\\n".indexOf(body.charAt(scan.pos + 1)) >= 0) {
                char next = body.charAt(scan.pos + 1);
                if (next != '\n') {
                    out.append(next);
                }
                scan.pos += 2;
            } else {
                out.append(ch);
                scan.pos++;
            }
        }
        return out.toString();
    }

    /** This substitution bound to one environment. */
    public Expander expander(Map<String, String> env) {
        Map<String, String> bound = Map.copyOf(env);
        return new Expander() {
            @Override
            public String word(String text) {
                return Substitution.this.word(text, bound);
            }

            @Override
            public List<String> words(String text) {
                return Substitution.this.words(text, bound);
            }

            @Override
            public String heredoc(String body) {
                return Substitution.this.heredoc(body, bound);
            }
        };
    }

    /** The text and the words of one processed stretch. */
    private record Processed(String text, Words words) {}

    private final class Scan {
        private final String s;
        private final Map<String, String> env;
        private int pos;

        Scan(String s, Map<String, String> env) {
            this.s = Objects.requireNonNull(s, "text");
            this.env = Objects.requireNonNull(env, "env");
        }

        /** Processes up to {@code stop} (consumed) or the end when stop is END. */
        Processed processTo(int stop) {
            StringBuilder text = new StringBuilder();
            Words words = new Words();
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (stop != END && ch == stop) {
                    pos++;
                    return new Processed(text.toString(), words);
                }
                if (ch == '\'') {
                    String quoted = singleQuoted();
                    text.append(quoted);
                    words.addRaw(quoted);
                } else if (ch == '"') {
                    String quoted = doubleQuoted();
                    text.append(quoted);
                    words.addRaw(quoted);
                } else if (ch == '$') {
                    String value = dollar();
                    text.append(value);
                    words.addSplitting(value);
                } else {
                    pos++;
                    if (ch == escape) {
                        if (pos >= s.length()) {
                            break; // an escape at the very end is dropped
                        }
                        ch = s.charAt(pos++);
                        words.addRaw(String.valueOf(ch));
                    } else {
                        words.addSplitting(String.valueOf(ch));
                    }
                    text.append(ch);
                }
            }
            if (stop != END) {
                throw new SubstitutionException("syntax error: missing '" + (char) stop + "' in " + s);
            }
            return new Processed(text.toString(), words);
        }

        private String singleQuoted() {
            int close = s.indexOf('\'', pos + 1);
            if (close < 0) {
                throw new SubstitutionException("unexpected end of statement while looking for matching single-quote in " + s);
            }
            String inside = s.substring(pos + 1, close);
            pos = close + 1;
            return inside;
        }

        private String doubleQuoted() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '"') {
                    pos++;
                    return out.toString();
                }
                if (ch == '$') {
                    out.append(dollar());
                    continue;
                }
                pos++;
                if (ch == escape && pos < s.length()) {
                    char next = s.charAt(pos);
                    if (next == '"' || next == '$' || next == escape) {
                        ch = next;
                        pos++;
                    }
                }
                out.append(ch);
            }
            throw new SubstitutionException("unexpected end of statement while looking for matching double-quote in " + s);
        }

        /** At a {@code $}: the value it stands for. */
        String dollar() {
            int start = pos;
            pos++;
            if (pos >= s.length()) {
                return "$";
            }
            if (s.charAt(pos) != '{') {
                String name = name();
                return name.isEmpty() ? "$" : env.getOrDefault(name, "");
            }
            pos++;
            String name = name();
            if (pos >= s.length()) {
                throw new SubstitutionException("syntax error: missing '}' in " + s.substring(start));
            }
            if (name.isEmpty()) {
                throw new SubstitutionException("bad substitution: " + s.substring(start));
            }
            char ch = s.charAt(pos++);
            if (ch == '}') {
                return env.getOrDefault(name, "");
            }
            boolean colon = ch == ':';
            if (colon) {
                if (pos >= s.length()) {
                    throw new SubstitutionException("syntax error: missing '}' in " + s.substring(start));
                }
                ch = s.charAt(pos++);
            }
            if (ch != '-' && ch != '+' && ch != '?') {
                throw new SubstitutionException("unsupported modifier (" + (colon ? ":" : "") + ch + ") in substitution "
                        + s.substring(start) + ": only ${name:-word}, ${name-word}, ${name:+word}, ${name+word}, "
                        + "${name:?message} and ${name?message} are supported");
            }
            String word = processTo('}').text;
            String value = env.get(name);
            boolean present = colon ? value != null && !value.isEmpty() : value != null;
            return switch (ch) {
                case '-' -> present ? value : word;
                case '+' -> present ? word : "";
                default -> {
                    if (!present) {
                        throw new SubstitutionException(name + ": " + (word.isEmpty() ? "parameter null or not set" : word));
                    }
                    yield value;
                }
            };
        }

        private String name() {
            int from = pos;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (!Character.isLetterOrDigit(ch) && ch != '_') {
                    break;
                }
                pos++;
            }
            return s.substring(from, pos);
        }
    }

    /** Collects words: unquoted whitespace separates them, quoted text and escaped characters never do. */
    private static final class Words {
        private final List<String> done = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();

        void addSplitting(String text) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (Character.isWhitespace(ch)) {
                    flush();
                } else {
                    word.append(ch);
                }
            }
        }

        void addRaw(String text) {
            word.append(text);
        }

        private void flush() {
            // as Docker: an empty quoted word ("") does not make a word of its own
            if (!word.isEmpty()) {
                done.add(word.toString());
                word.setLength(0);
            }
        }

        List<String> finish() {
            flush();
            return List.copyOf(done);
        }
    }
}
