package berth.registry.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A resource and actions on it, as a token scope says it: {@code repository:library/app:pull,push} or
 * {@code registry:catalog:*}.
 */
public record Access(String type, String name, Set<String> actions) {
    public static final String PULL = "pull";
    public static final String PUSH = "push";
    public static final String DELETE = "delete";

    public Access {
        Objects.requireNonNull(type);
        Objects.requireNonNull(name);
        actions = Set.copyOf(actions);
    }

    public static Access repository(String name, String... actions) {
        return new Access("repository", name, Set.of(actions));
    }

    public static Access catalog() {
        return new Access("registry", "catalog", Set.of("*"));
    }

    /** Parses a scope; the name sits between the first and the last ':' (it has none itself). */
    public static Access parse(String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first <= 0 || last <= first) {
            throw new IllegalArgumentException("invalid scope " + scope + " (want TYPE:NAME:ACTIONS, e.g. repository:app:pull)");
        }
        Set<String> actions = new LinkedHashSet<>(Arrays.asList(scope.substring(last + 1).split(",")));
        actions.remove("");
        return new Access(scope.substring(0, first), scope.substring(first + 1, last), actions);
    }

    public Access withActions(Set<String> granted) {
        return new Access(type, name, granted);
    }

    public boolean sameResource(Access other) {
        return type.equals(other.type) && name.equals(other.name);
    }

    /** The scope string, actions in a stable order. */
    public String scope() {
        return type + ":" + name + ":" + String.join(",", actions.stream().sorted().toList());
    }
}
