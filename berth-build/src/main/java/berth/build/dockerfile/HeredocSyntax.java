package berth.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises the heredoc words of RUN, COPY and ADD lines: {@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code 2<<EOF}. */
final class HeredocSyntax {
    private static final Pattern HEREDOC = Pattern.compile("([0-9]*)<<(-?)([^<]*)");

    /** What the line says of one heredoc; the body is read from the lines that follow. */
    record Spec(String name, boolean expand, boolean chomp) {}

    private HeredocSyntax() {}

    /** The heredocs a line opens, in order. */
    static List<Spec> find(String line) {
        List<Spec> specs = new ArrayList<>();
        for (String word : ArgumentSyntax.rawWords(line, '\\')) {
            parse(word).ifPresent(specs::add);
        }
        return specs;
    }

    /** One raw word (quotes kept) as a heredoc opener, if it is one. */
    static Optional<Spec> parse(String word) {
        Matcher m = HEREDOC.matcher(word);
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        String rest = m.group(3);
        StringBuilder name = new StringBuilder();
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char ch = rest.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    name.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                quoted = true;
            } else if (ch == '\\' && i + 1 < rest.length()) {
                quoted = true;
                name.append(rest.charAt(++i));
            } else if (Character.isWhitespace(ch)) {
                return Optional.empty();
            } else {
                name.append(ch);
            }
        }
        if (quote != 0 || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Spec(name.toString(), !quoted, !m.group(2).isEmpty()));
    }
}
