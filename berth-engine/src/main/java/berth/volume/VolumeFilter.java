package berth.volume;

import java.util.List;
import java.util.Optional;

/**
 * {@code volume ls} filters, as Docker applies them: every kind given must match; within a kind any
 * value may match (names and drivers as substrings, labels as {@code key} or {@code key=value}, {@code !label} negated).
 *
 * @param dangling present: only volumes no container uses (true) or only used ones (false)
 */
public record VolumeFilter(Optional<Boolean> dangling, List<String> labels, List<String> names, List<String> drivers) {
    public static final VolumeFilter ALL = new VolumeFilter(Optional.empty(), List.of(), List.of(), List.of());

    public VolumeFilter {
        dangling = dangling == null ? Optional.empty() : dangling;
        labels = labels == null ? List.of() : List.copyOf(labels);
        names = names == null ? List.of() : List.copyOf(names);
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
    }

    /** True when {@code v}, used by {@code inUse} containers or not, passes every filter. */
    public boolean matches(Volume v, java.util.function.BooleanSupplier inUse) {
        if (dangling.isPresent() && dangling.get() == inUse.getAsBoolean()) {
            return false;
        }
        if (!names.isEmpty() && names.stream().noneMatch(v.name()::contains)) {
            return false;
        }
        if (!drivers.isEmpty() && drivers.stream().noneMatch(v.driver()::contains)) {
            return false;
        }
        return labels.stream().allMatch(l -> labelMatches(v, l));
    }

    /** Docker: every label filter must match ({@code key} present, or {@code key=value} equal). */
    static boolean labelMatches(Volume v, String filter) {
        if (filter.startsWith("!")) {
            return !labelMatches(v, filter.substring(1)); // prune's label!=...
        }
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return v.labels().containsKey(filter);
        }
        return filter.substring(eq + 1).equals(v.labels().get(filter.substring(0, eq)));
    }
}
