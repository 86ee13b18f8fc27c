package berth.build.dockerfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index 0-based position, what {@code COPY --from=0} names
 * @param name the lower-cased {@code AS} name, if any
 * @param instructions the instructions after the FROM
 */
public record Stage(int index, Optional<String> name, FromInstruction from, List<Instruction> instructions) {
    public Stage {
        if (index < 0) {
            throw new IllegalArgumentException("stage index " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(from, "from");
        instructions = List.copyOf(instructions);
    }
}
