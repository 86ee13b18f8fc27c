package berth.build.dockerfile;

import java.util.Objects;

/** {@code CMD <command>}, shell or exec form ({@code CMD []} clears it). Not expanded. */
public record CmdInstruction(SourceLocation location, CommandLine command) implements Instruction {
    public CmdInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(command, "command");
    }

    @Override
    public String keyword() {
        return "CMD";
    }
}
