package berth.distribution;

import berth.errors.BerthException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A token scope of the Docker registry auth protocol: {@code repository:library/busybox:pull,push}.
 * Actions are kept sorted and without duplicates so equal scopes print equally (and token caches
 * can key on the string).
 *
 * @param type    {@code repository}, {@code registry}, or with a class {@code repository(plugin)}
 * @param name    the repository path (no registry host), or {@code catalog}
 * @param actions {@code pull}, {@code push}, {@code delete}, {@code *}
 */
public record Scope(String type, String name, SortedSet<String> actions) {
    private static final Pattern TYPE = Pattern.compile("[a-z0-9]+(?:\\([a-z0-9]+\\))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._/:-]+");
    private static final Pattern ACTION = Pattern.compile("[a-z]+|\\*");

    public static final String PULL = "pull";
    public static final String PUSH = "push";

    public Scope {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw BerthException.invalid("invalid scope type: " + type + " (expected e.g. repository)");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw BerthException.invalid("invalid scope resource name: " + name);
        }
        if (actions == null || actions.isEmpty()) {
            throw BerthException.invalid("invalid scope " + type + ":" + name + ": no actions");
        }
        for (String action : actions) {
            if (!ACTION.matcher(action).matches()) {
                throw BerthException.invalid("invalid scope action: " + action + " (expected e.g. pull or push)");
            }
        }
        actions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(actions));
    }

    /** {@code repository:<path>:<actions>}. */
    public static Scope repository(String path, String... actions) {
        return new Scope("repository", path, new TreeSet<>(List.of(actions)));
    }

    /**
     * Parses {@code type:name:actions}. The name may hold colons (it is whatever lies between the
     * first and the last colon), as the protocol allows.
     */
    public static Scope parse(String s) {
        int first = s == null ? -1 : s.indexOf(':');
        int last = s == null ? -1 : s.lastIndexOf(':');
        if (first < 0 || last == first) {
            throw BerthException.invalid("invalid scope: " + s + " (expected type:name:actions, e.g. repository:library/busybox:pull)");
        }
        String actions = s.substring(last + 1);
        if (actions.isEmpty()) {
            throw BerthException.invalid("invalid scope: " + s + " (no actions)");
        }
        return new Scope(s.substring(0, first), s.substring(first + 1, last), new TreeSet<>(List.of(actions.split(",", -1))));
    }

    /** Parses a space-separated list, as in a challenge's {@code scope} parameter. */
    public static List<Scope> parseAll(String spaceSeparated) {
        List<Scope> result = new ArrayList<>();
        for (String part : spaceSeparated.strip().split(" +")) {
            if (!part.isEmpty()) {
                result.add(parse(part));
            }
        }
        return result;
    }

    /**
     * Merges scopes on the same resource into one with the union of their actions; the result is
     * ordered by type and name, so one set of needs always yields the same token request.
     */
    public static List<Scope> merge(Collection<Scope> scopes) {
        Map<String, SortedSet<String>> byResource = new LinkedHashMap<>();
        for (Scope scope : scopes) {
            byResource.computeIfAbsent(scope.type + ":" + scope.name, k -> new TreeSet<>()).addAll(scope.actions);
        }
        return byResource.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    String key = e.getKey();
                    int colon = key.indexOf(':');
                    return new Scope(key.substring(0, colon), key.substring(colon + 1), e.getValue());
                })
                .toList();
    }

    /** Whether a token granted for this scope also covers {@code other}. */
    public boolean covers(Scope other) {
        return type.equals(other.type) && name.equals(other.name)
                && (actions.contains("*") || actions.containsAll(other.actions));
    }

    public boolean allows(String action) {
        return actions.contains("*") || actions.contains(action);
    }

    @Override
    public String toString() {
        return type + ":" + name + ":" + String.join(",", actions);
    }
}
