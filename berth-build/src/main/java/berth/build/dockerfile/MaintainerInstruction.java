package berth.build.dockerfile;

import java.util.Objects;

/** {@code MAINTAINER <name>}: deprecated (a label is the modern way) but still honoured, sets the image author. */
public record MaintainerInstruction(SourceLocation location, String name) implements Instruction {
    public MaintainerInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String keyword() {
        return "MAINTAINER";
    }
}
