package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ADD [--chown=<user:group>] [--chmod=<perms>] [--link] <src>... <dest>} (also the JSON form).
 * Sources are context paths, URLs or archives; {@code <<EOF} sources are inline files in
 * {@code heredocs}, named by their delimiter, in order.
 */
public record AddInstruction(SourceLocation location, List<String> sources, List<Heredoc> heredocs,
        String destination, Optional<String> chown, Optional<String> chmod, boolean link)
        implements Instruction, Expandable<AddInstruction> {
    public AddInstruction {
        Objects.requireNonNull(location, "location");
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(chown, "chown");
        Objects.requireNonNull(chmod, "chmod");
    }

    @Override
    public String keyword() {
        return "ADD";
    }

    @Override
    public AddInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new AddInstruction(location,
                sources.stream().map(expander::word).toList(), CopyInstruction.expandAll(heredocs, expander),
                expander.word(destination), chown.map(expander::word), chmod.map(expander::word), link));
    }
}
