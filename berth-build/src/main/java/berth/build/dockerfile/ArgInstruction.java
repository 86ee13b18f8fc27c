package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;

/** {@code ARG <name>[=<default>] ...}; defaults as written until expanded. */
public record ArgInstruction(SourceLocation location, List<ArgDeclaration> args) implements Instruction,
        Expandable<ArgInstruction> {
    public ArgInstruction {
        Objects.requireNonNull(location, "location");
        args = List.copyOf(args);
    }

    @Override
    public String keyword() {
        return "ARG";
    }

    @Override
    public ArgInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new ArgInstruction(location, args.stream()
                .map(a -> new ArgDeclaration(expander.word(a.name()), a.defaultValue().map(expander::word)))
                .toList()));
    }
}
