package berth.build.dockerfile;

import java.util.Objects;

/**
 * {@code ONBUILD <instruction>}: a trigger stored in the image config and run when a later build
 * uses the image as its base. {@code expression} is the trigger's text as stored in the config's
 * {@code OnBuild} list; {@code trigger} is that text parsed (at this file's line), which proves it valid.
 */
public record OnbuildInstruction(SourceLocation location, String expression, Instruction trigger)
        implements Instruction {
    public OnbuildInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public String keyword() {
        return "ONBUILD";
    }
}
