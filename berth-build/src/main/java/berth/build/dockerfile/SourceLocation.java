package berth.build.dockerfile;

import java.util.Objects;

/**
 * Where an instruction came from: its first and last line in the Dockerfile (1-based; the last line
 * includes continuations and heredoc bodies) and its text as one logical line, continuations joined
 * and comments dropped. The text is what history's {@code CreatedBy} and error messages show.
 */
public record SourceLocation(int startLine, int endLine, String text) {
    public SourceLocation {
        Objects.requireNonNull(text, "text");
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("bad line range " + startLine + ".." + endLine);
        }
    }
}
