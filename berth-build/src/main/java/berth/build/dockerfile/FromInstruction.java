package berth.build.dockerfile;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code FROM [--platform=<platform>] <image> [AS <name>]}. The image may name an earlier stage. The
 * stage name is lower-cased and validated; image and platform are expanded with the global ARGs only.
 */
public record FromInstruction(SourceLocation location, String image, Optional<String> stageName,
        Optional<String> platform) implements Instruction, Expandable<FromInstruction> {
    public FromInstruction {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(stageName, "stageName");
        Objects.requireNonNull(platform, "platform");
    }

    @Override
    public String keyword() {
        return "FROM";
    }

    @Override
    public FromInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> {
            String expanded = expander.word(image);
            if (expanded.isEmpty()) {
                throw new SubstitutionException("base name (" + image + ") should not be blank");
            }
            return new FromInstruction(location, expanded, stageName, platform.map(expander::word));
        });
    }
}
