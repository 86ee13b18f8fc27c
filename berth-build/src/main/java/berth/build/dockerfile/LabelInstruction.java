package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * {@code LABEL key=value ...} (or the old {@code LABEL key value}); keys and values as written, quotes kept,
 * until expanded.
 */
public record LabelInstruction(SourceLocation location, List<KeyValue> pairs) implements Instruction,
        Expandable<LabelInstruction> {
    public LabelInstruction {
        Objects.requireNonNull(location, "location");
        pairs = List.copyOf(pairs);
    }

    @Override
    public String keyword() {
        return "LABEL";
    }

    @Override
    public LabelInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new LabelInstruction(location, pairs.stream()
                .map(p -> new KeyValue(expander.word(p.key()), expander.word(p.value())))
                .toList()));
    }
}
