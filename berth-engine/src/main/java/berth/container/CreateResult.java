package berth.container;

import java.util.List;

/** The reply to a create: the new container's ID and any warnings. */
public record CreateResult(String id, List<String> warnings) {
    public CreateResult {
        warnings = List.copyOf(warnings);
    }
}
