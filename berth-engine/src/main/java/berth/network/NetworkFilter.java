package berth.network;

import java.util.List;

/**
 * {@code network ls} and {@code network prune} filters, as Docker applies them: every kind given
 * must match; within a kind any value may. Names match as substrings, ids as prefixes, labels as
 * {@code key} or {@code key=value} ({@code !} negates, for prune's {@code label!=}), type is
 * "builtin" (bridge, host, none) or "custom", dangling true keeps networks without containers.
 */
public record NetworkFilter(List<String> names, List<String> ids, List<String> drivers, List<String> labels,
        List<String> types, java.util.Optional<Boolean> dangling) {
    public static final NetworkFilter ALL = new NetworkFilter(List.of(), List.of(), List.of(), List.of(), List.of(),
            java.util.Optional.empty());

    public NetworkFilter {
        names = names == null ? List.of() : List.copyOf(names);
        ids = ids == null ? List.of() : List.copyOf(ids);
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
        labels = labels == null ? List.of() : List.copyOf(labels);
        types = types == null ? List.of() : List.copyOf(types);
        dangling = dangling == null ? java.util.Optional.empty() : dangling;
    }

    /** True when {@code n}, with or without containers on it, passes every filter. */
    public boolean matches(Network n, boolean inUse) {
        if (!names.isEmpty() && names.stream().noneMatch(n.name()::contains)) {
            return false;
        }
        if (!ids.isEmpty() && ids.stream().noneMatch(n.id()::startsWith)) {
            return false;
        }
        if (!drivers.isEmpty() && drivers.stream().noneMatch(n.driver()::equals)) {
            return false;
        }
        if (!types.isEmpty() && types.stream().noneMatch(t -> t.equals(n.predefined() ? "builtin" : "custom"))) {
            return false;
        }
        if (dangling.isPresent() && dangling.get() == inUse) {
            return false;
        }
        return labels.stream().allMatch(l -> labelMatches(n, l));
    }

    private static boolean labelMatches(Network n, String filter) {
        if (filter.startsWith("!")) {
            return !labelMatches(n, filter.substring(1));
        }
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return n.labels().containsKey(filter);
        }
        return filter.substring(eq + 1).equals(n.labels().get(filter.substring(0, eq)));
    }
}
