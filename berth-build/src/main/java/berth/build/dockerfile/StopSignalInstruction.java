package berth.build.dockerfile;

import java.util.Objects;

/** {@code STOPSIGNAL <signal>}: a name ({@code SIGTERM}) or a number. */
public record StopSignalInstruction(SourceLocation location, String signal) implements Instruction, Expandable<StopSignalInstruction> {
    public StopSignalInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(signal, "signal");
    }

    @Override
    public String keyword() {
        return "STOPSIGNAL";
    }

    @Override
    public StopSignalInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new StopSignalInstruction(location, expander.word(signal)));
    }
}
