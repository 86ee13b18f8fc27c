package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Dockerfile: its instructions in order (the ARGs before the first FROM included; see
 * {@link BuildStages} for the stages), the escape character of its {@code # escape=} directive (for
 * {@link Substitution}), the {@code # syntax=} directive if any (ignored: berth has one built-in
 * frontend) and notes to show the user (the ignored syntax directive, empty continuation lines).
 */
public record Dockerfile(List<Instruction> instructions, char escape, Optional<String> syntax, List<String> notes) {
    public Dockerfile {
        instructions = List.copyOf(instructions);
        if (escape != '\\' && escape != '`') {
            throw new IllegalArgumentException("escape must be \\ or `, not " + escape);
        }
        Objects.requireNonNull(syntax, "syntax");
        notes = List.copyOf(notes);
    }

    /** The substitution this file's instructions expand with (its escape character). */
    public Substitution substitution() {
        return new Substitution(escape);
    }
}
