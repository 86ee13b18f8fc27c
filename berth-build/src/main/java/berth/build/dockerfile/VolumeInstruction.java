package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;

/** {@code VOLUME ["/a", "/b"]} or {@code VOLUME /a /b}. */
public record VolumeInstruction(SourceLocation location, List<String> paths) implements Instruction,
        Expandable<VolumeInstruction> {
    public VolumeInstruction {
        Objects.requireNonNull(location, "location");
        paths = List.copyOf(paths);
    }

    @Override
    public String keyword() {
        return "VOLUME";
    }

    @Override
    public VolumeInstruction expand(Expander expander) {
        List<String> expanded = ParseErrors.expanding(location, () -> paths.stream().map(expander::word).toList());
        if (expanded.stream().anyMatch(String::isEmpty)) {
            throw ParseErrors.at(location.startLine(), "VOLUME specified can not be an empty string");
        }
        return new VolumeInstruction(location, expanded);
    }
}
