package berth.registry.config;

import java.util.Objects;
import java.util.Set;

/**
 * Who may pull and push the repositories whose names match {@code repository}, a pattern where
 * {@code *} stands for any run of characters (slashes included). A user listed for push may also pull;
 * the user {@code *} means every authenticated user.
 */
public record AccessRule(String repository, Set<String> pull, Set<String> push, boolean anonymousPull) {
    public AccessRule {
        Objects.requireNonNull(repository, "access[].repository");
        pull = Set.copyOf(pull);
        push = Set.copyOf(push);
    }

    public boolean matches(String name) {
        return globMatches(repository, 0, name, 0);
    }

    private static boolean globMatches(String pattern, int p, String s, int i) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int k = i; k <= s.length(); k++) {
                    if (globMatches(pattern, p + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (i >= s.length() || s.charAt(i) != c) {
                return false;
            }
            p++;
            i++;
        }
        return i == s.length();
    }
}
