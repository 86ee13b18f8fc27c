package berth.container;

import java.util.List;
import java.util.OptionalInt;

/**
 * The options of {@code GET /containers/json}. Every list is an OR within itself and an AND across
 * lists, as Docker does. {@code names} are substring/regex matches on the name, {@code ids} prefix
 * matches, {@code ancestors} image references (matching the image or a name of it), {@code labels}
 * {@code key} or {@code key=value}, {@code statuses} Docker's status words (created, running, ...).
 */
public record ContainerFilter(
        boolean all,
        OptionalInt limit,
        List<String> labels,
        List<String> statuses,
        List<String> names,
        List<String> ids,
        List<String> ancestors) {

    public ContainerFilter {
        labels = List.copyOf(labels);
        statuses = List.copyOf(statuses);
        names = List.copyOf(names);
        ids = List.copyOf(ids);
        ancestors = List.copyOf(ancestors);
    }

    public static ContainerFilter running() {
        return new ContainerFilter(false, OptionalInt.empty(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
