package berth.build.dockerfile;

import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Dockerfile text as Docker's parser does. Pure: strings in, records out.
 *
 * <p>Lines: parser directives ({@code # escape=\} or {@code `}, {@code # syntax=}) are read only at
 * the top, before any comment, blank line or instruction; an unknown directive ends them and counts
 * as a comment. A line whose first non-blank character is {@code #} is a comment. A line ending in
 * the escape character (trailing blanks allowed) continues on the next; comment lines and empty
 * lines inside a continuation are dropped (the latter with a note). RUN, COPY and ADD lines may open
 * heredocs ({@code <<EOF}), whose bodies follow the line up to their delimiter. Instruction names are
 * case-insensitive.
 *
 * <p>Errors are BerthException INVALID_ARGUMENT "Dockerfile parse error line N: ..." worded as
 * Docker's ({@code unknown instruction: FOO}, {@code FROM requires either one or three arguments}).
 *
 * <p>Example: {@code DockerfileParser.parse("FROM alpine AS base\nRUN echo hi\n")} gives a
 * {@link FromInstruction} (image {@code alpine}, stage {@code base}) at line 1 and a
 * {@link RunInstruction} in shell form at line 2.
 */
public final class DockerfileParser {
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*");
    private static final Set<String> HEREDOC_INSTRUCTIONS = Set.of("run", "copy", "add");

    private final List<String> lines;
    private int next; // index of the next line to read
    private final Directives directives = new Directives();
    private final List<String> notes = new ArrayList<>();

    private DockerfileParser(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> split = new ArrayList<>(List.of(body.split("\n", -1)));
        if (!split.isEmpty() && split.getLast().isEmpty()) {
            split.removeLast(); // the newline ending the last line
        }
        this.lines = split.stream().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l).toList();
    }

    /** Parses a file named {@code Dockerfile}. */
    public static Dockerfile parse(String text) {
        return parse(text, "Dockerfile");
    }

    /**
     * @param fileName the name the user knows the file by, for the "cannot be empty" error
     * @throws BerthException INVALID_ARGUMENT for an empty file, a file without instructions, or a parse error
     */
    public static Dockerfile parse(String text, String fileName) {
        if (text.isEmpty()) {
            throw BerthException.invalid("the Dockerfile (" + fileName + ") cannot be empty");
        }
        return new DockerfileParser(text).parseAll();
    }

    private Dockerfile parseAll() {
        List<Instruction> instructions = new ArrayList<>();
        while (next < lines.size()) {
            int startLine = next + 1;
            String first = lines.get(next++).stripLeading();
            directives.consider(first, startLine);
            if (first.startsWith("#")) {
                continue;
            }
            Continued part = continued(first);
            if (!part.continues && part.text.isBlank()) {
                continue;
            }
            StringBuilder logical = new StringBuilder(part.text);
            boolean continues = part.continues;
            boolean emptyContinuation = false;
            while (continues && next < lines.size()) {
                String line = lines.get(next++);
                if (line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (line.isBlank()) {
                    emptyContinuation = true;
                    continue;
                }
                part = continued(line);
                logical.append(part.text);
                continues = part.continues;
            }
            String text = logical.toString().strip();
            if (text.isEmpty()) {
                continue;
            }
            if (emptyContinuation) {
                notes.add("[WARNING]: Empty continuation line found in: " + text
                        + " (empty continuation lines will become errors in a future release)");
            }
            List<Heredoc> heredocs = heredocs(text, startLine);
            SourceLocation location = new SourceLocation(startLine, next, text);
            instructions.add(InstructionParser.parse(text, location, heredocs, directives.escape));
        }
        if (instructions.isEmpty()) {
            throw BerthException.invalid("file with no instructions");
        }
        return new Dockerfile(instructions, directives.escape, directives.syntax, notes);
    }

    /** A physical line with its continuation character (and the blanks after it) removed. */
    private record Continued(String text, boolean continues) {}

    private Continued continued(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == directives.escape) {
            return new Continued(line.substring(0, end - 1), true);
        }
        return new Continued(line, false);
    }

    private List<Heredoc> heredocs(String text, int startLine) {
        String[] keywordAndArgs = text.split("\\s+", 2);
        if (keywordAndArgs.length < 2 || !HEREDOC_INSTRUCTIONS.contains(keywordAndArgs[0].toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        List<Heredoc> heredocs = new ArrayList<>();
        for (HeredocSyntax.Spec spec : HeredocSyntax.find(keywordAndArgs[1])) {
            StringBuilder content = new StringBuilder();
            boolean terminated = false;
            while (next < lines.size()) {
                String line = lines.get(next++);
                String candidate = spec.chomp() ? stripLeadingTabs(line) : line;
                if (candidate.equals(spec.name())) {
                    terminated = true;
                    break;
                }
                content.append(spec.chomp() ? stripLeadingTabs(line) : line).append('\n');
            }
            if (!terminated) {
                throw ParseErrors.at(startLine, "unterminated heredoc " + spec.name());
            }
            heredocs.add(new Heredoc(spec.name(), content.toString(), spec.expand(), spec.chomp()));
        }
        return heredocs;
    }

    private static String stripLeadingTabs(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == '\t') {
            i++;
        }
        return line.substring(i);
    }

    /** The parser directives at the top of the file. */
    private final class Directives {
        char escape = '\\';
        Optional<String> syntax = Optional.empty();
        private boolean done;
        private final Set<String> seen = new HashSet<>();

        void consider(String line, int lineNumber) {
            if (done) {
                return;
            }
            Matcher m = DIRECTIVE.matcher(line);
            if (!m.matches()) {
                done = true;
                return;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2);
            if (!key.equals("escape") && !key.equals("syntax")) {
                done = true; // an unknown directive is a comment, and ends the directives
                return;
            }
            if (!seen.add(key)) {
                throw ParseErrors.at(lineNumber, "only one " + key + " parser directive can be used");
            }
            if (key.equals("escape")) {
                if (!value.equals("`") && !value.equals("\\")) {
                    throw ParseErrors.at(lineNumber, "invalid escape token '" + value + "' does not match ` or \\");
                }
                escape = value.charAt(0);
            } else {
                syntax = Optional.of(value);
                notes.add("the syntax parser directive (" + value + ") is ignored: berth builds with its built-in Dockerfile frontend");
            }
        }
    }
}
