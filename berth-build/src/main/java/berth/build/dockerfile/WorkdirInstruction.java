package berth.build.dockerfile;

import java.util.Objects;

/** {@code WORKDIR <path>}; a relative path is resolved against the previous WORKDIR by the executor. */
public record WorkdirInstruction(SourceLocation location, String path) implements Instruction, Expandable<WorkdirInstruction> {
    public WorkdirInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String keyword() {
        return "WORKDIR";
    }

    @Override
    public WorkdirInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new WorkdirInstruction(location, expander.word(path)));
    }
}
