package berth.build.dockerfile;

import java.util.Objects;

/** {@code USER <user>[:<group>]}, as one word (names or numeric ids). */
public record UserInstruction(SourceLocation location, String user) implements Instruction, Expandable<UserInstruction> {
    public UserInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(user, "user");
    }

    @Override
    public String keyword() {
        return "USER";
    }

    @Override
    public UserInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new UserInstruction(location, expander.word(user)));
    }
}
