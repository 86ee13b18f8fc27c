package berth.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import berth.registry.config.AccessRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy(List.of(
            new AccessRule("public/*", Set.of(), Set.of("alice"), true),
            new AccessRule("team/*", Set.of("*"), Set.of("alice"), false)));

    @Test
    void firstMatchingRuleDecides() {
        Access pullPush = Access.repository("public/app", "pull", "push");
        assertThat(policy.grant(Optional.empty(), pullPush)).containsExactly("pull");
        assertThat(policy.grant(Optional.of("alice"), pullPush)).containsExactlyInAnyOrder("pull", "push");
        assertThat(policy.grant(Optional.of("bob"), pullPush)).containsExactly("pull");
        assertThat(policy.grant(Optional.of("bob"), Access.repository("team/x", "pull", "push"))).containsExactly("pull");
        assertThat(policy.grant(Optional.empty(), Access.repository("team/x", "pull"))).isEmpty();
    }

    @Test
    void unmatchedRepository_isOpenToAuthenticatedUsersOnly() {
        assertThat(policy.grant(Optional.of("bob"), Access.repository("misc", "pull", "push", "delete"))).hasSize(3);
        assertThat(policy.grant(Optional.empty(), Access.repository("misc", "pull"))).isEmpty();
        assertThat(policy.grant(Optional.of("bob"), Access.catalog())).containsExactly("*");
        assertThat(policy.grant(Optional.empty(), Access.catalog())).isEmpty();
    }
}
