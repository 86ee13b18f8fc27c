package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;

/** {@code SHELL ["executable", "parameters"]}: the shell for later shell-form commands. JSON form only. */
public record ShellInstruction(SourceLocation location, List<String> shell) implements Instruction {
    public ShellInstruction {
        Objects.requireNonNull(location, "location");
        shell = List.copyOf(shell);
    }

    @Override
    public String keyword() {
        return "SHELL";
    }
}
