package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;

/**
 * {@code ENV key=value ...} (or the old {@code ENV key value}); keys and values as written, quotes kept,
 * until expanded.
 */
public record EnvInstruction(SourceLocation location, List<KeyValue> pairs) implements Instruction,
        Expandable<EnvInstruction> {
    public EnvInstruction {
        Objects.requireNonNull(location, "location");
        pairs = List.copyOf(pairs);
    }

    @Override
    public String keyword() {
        return "ENV";
    }

    @Override
    public EnvInstruction expand(Expander expander) {
        return ParseErrors.expanding(location, () -> new EnvInstruction(location, pairs.stream()
                .map(p -> new KeyValue(expander.word(p.key()), expander.word(p.value())))
                .toList()));
    }
}
