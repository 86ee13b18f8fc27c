package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code COPY [--from=<stage|image>] [--chown=<user:group>] [--chmod=<perms>] [--link] <src>... <dest>}
 * (also the JSON form). {@code <<EOF} sources are inline files in {@code heredocs}, named by their
 * delimiter, in order. {@code --from} is a stage name, a stage index or an image reference; see
 * {@link BuildStages#stageFor}. It is not expanded, as in Docker's classic builder (BuildKit expands it with the build args).
 */
public record CopyInstruction(SourceLocation location, List<String> sources, List<Heredoc> heredocs,
        String destination, Optional<String> from, Optional<String> chown, Optional<String> chmod,
        boolean link) implements Instruction, Expandable<CopyInstruction> {
    public CopyInstruction {
        Objects.requireNonNull(location, "location");
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(chown, "chown");
        Objects.requireNonNull(chmod, "chmod");
    }

    @Override
    public String keyword() {
        return "COPY";
    }

    @Override
    public CopyInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new CopyInstruction(location,
                sources.stream().map(expander::word).toList(), expandAll(heredocs, expander),
                expander.word(destination), from, chown.map(expander::word), chmod.map(expander::word), link));
    }

    /** Heredoc file contents are expanded unless their delimiter was quoted. */
    static List<Heredoc> expandAll(List<Heredoc> heredocs, Expander expander) {
        return heredocs.stream()
                .map(h -> h.expand() ? new Heredoc(h.name(), expander.heredoc(h.content()), true, h.chomp()) : h)
                .toList();
    }
}
