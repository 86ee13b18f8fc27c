package berth.build.dockerfile;

import java.util.Objects;

/** {@code ENTRYPOINT <command>}, shell or exec form ({@code ENTRYPOINT []} clears it). Not expanded. */
public record EntrypointInstruction(SourceLocation location, CommandLine command) implements Instruction {
    public EntrypointInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(command, "command");
    }

    @Override
    public String keyword() {
        return "ENTRYPOINT";
    }
}
