package berth.build.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name=value} flags that lead an instruction's arguments ({@code COPY --from=build ...}).
 * Words starting with {@code --} are flags until the first that does not, or a bare {@code --}.
 */
final class BuilderFlags {
    /** The flag words (without their {@code --}) and the arguments after them. */
    record Extracted(List<String> flags, String rest) {}

    private final Map<String, String> values;

    private BuilderFlags(Map<String, String> values) {
        this.values = values;
    }

    static Extracted extract(String args) {
        List<String> flags = new ArrayList<>();
        int pos = 0;
        while (true) {
            while (pos < args.length() && Character.isWhitespace(args.charAt(pos))) {
                pos++;
            }
            if (!args.startsWith("--", pos)) {
                return new Extracted(flags, args.substring(pos));
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            int i = pos;
            for (; i < args.length(); i++) {
                char ch = args.charAt(i);
                if (quote == 0 && Character.isWhitespace(ch)) {
                    break;
                }
                if (quote == 0 && (ch == '"' || ch == '\'')) {
                    quote = ch;
                    continue;
                }
                if (quote != 0 && ch == quote) {
                    quote = 0;
                    continue;
                }
                if (ch == '\\' && i + 1 < args.length()) {
                    ch = args.charAt(++i);
                }
                word.append(ch);
            }
            if (word.toString().equals("--")) {
                return new Extracted(flags, args.substring(i));
            }
            flags.add(word.substring(2));
            pos = i;
        }
    }

    /**
     * Parses flag words against what the instruction declares.
     *
     * @param strings flags that take a value ({@code --from=x})
     * @param booleans flags that stand alone or take true/false ({@code --link})
     */
    static BuilderFlags parse(List<String> words, Set<String> strings, Set<String> booleans, int line) {
        Map<String, String> values = new HashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1));
            if (!strings.contains(name) && !booleans.contains(name)) {
                throw ParseErrors.at(line, "Unknown flag: " + name);
            }
            if (values.containsKey(name)) {
                throw ParseErrors.at(line, "Duplicate flag specified: " + name);
            }
            if (booleans.contains(name)) {
                String v = value.orElse("true").toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw ParseErrors.at(line, "expecting boolean value for flag " + name + ", not: " + value.get());
                }
                values.put(name, v);
            } else {
                if (value.isEmpty()) {
                    throw ParseErrors.at(line, "Missing a value on flag: " + name);
                }
                values.put(name, value.get());
            }
        }
        return new BuilderFlags(values);
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean bool(String name) {
        return "true".equals(values.get(name));
    }
}
