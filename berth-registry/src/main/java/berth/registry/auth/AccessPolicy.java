package berth.registry.auth;

import berth.registry.config.AccessRule;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a user (or nobody) may do to a resource, from the config's access rules. The first rule whose
 * pattern matches a repository decides; a repository no rule matches is open to every authenticated
 * user, as with Docker's htpasswd registry. The catalog is for authenticated users.
 */
public final class AccessPolicy {
    private final List<AccessRule> rules;

    public AccessPolicy(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The actions of {@code wanted} that {@code user} is allowed (an empty user is anonymous). */
    public Set<String> grant(Optional<String> user, Access wanted) {
        Set<String> allowed = allowed(user, wanted);
        if (allowed.contains("*")) {
            return wanted.actions();
        }
        if (wanted.actions().contains("*") && allowed.containsAll(Set.of(Access.PULL, Access.PUSH, Access.DELETE))) {
            // "*" (as skopeo delete asks) is every repository action; only a full owner gets it.
            return wanted.actions();
        }
        Set<String> out = new HashSet<>(wanted.actions());
        out.retainAll(allowed);
        return Set.copyOf(out);
    }

    private Set<String> allowed(Optional<String> user, Access wanted) {
        if (wanted.type().equals("registry")) {
            return user.isPresent() && wanted.name().equals("catalog") ? Set.of("*") : Set.of();
        }
        if (!wanted.type().equals("repository")) {
            return Set.of();
        }
        Optional<AccessRule> rule = rules.stream().filter(r -> r.matches(wanted.name())).findFirst();
        if (rule.isEmpty()) {
            return user.isPresent() ? Set.of("*") : Set.of();
        }
        AccessRule r = rule.get();
        Set<String> out = new HashSet<>();
        if (user.isEmpty()) {
            if (r.anonymousPull()) {
                out.add(Access.PULL);
            }
            return out;
        }
        if (listed(r.push(), user.get())) {
            out.add(Access.PULL);
            out.add(Access.PUSH);
            out.add(Access.DELETE);
        }
        if (listed(r.pull(), user.get()) || r.anonymousPull()) {
            out.add(Access.PULL);
        }
        return out;
    }

    private static boolean listed(Set<String> users, String user) {
        return users.contains(user) || users.contains("*");
    }
}
