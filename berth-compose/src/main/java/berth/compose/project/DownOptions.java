package berth.compose.project;

import java.util.Optional;

/**
 * What {@code down} is asked for.
 *
 * @param rmi {@code --rmi}: empty, {@code local} (images built for services without {@code image:}) or {@code all}
 */
public record DownOptions(boolean volumes, Optional<String> rmi, boolean removeOrphans, Optional<Integer> timeout) {
    public DownOptions {
        rmi.ifPresent(r -> {
            if (!r.equals("local") && !r.equals("all")) {
                throw new ProjectException("invalid --rmi value \"" + r + "\": must be local or all");
            }
        });
    }
}
