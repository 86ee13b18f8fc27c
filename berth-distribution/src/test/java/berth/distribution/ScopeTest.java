package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void parse_readsTypeNameAndSortedActions() {
        Scope s = Scope.parse("repository:library/busybox:push,pull,pull");
        assertThat(s.type()).isEqualTo("repository");
        assertThat(s.name()).isEqualTo("library/busybox");
        assertThat(s.actions()).containsExactly("pull", "push");
        assertThat(s).hasToString("repository:library/busybox:pull,push");
        assertThat(Scope.parse("registry:catalog:*").allows("delete")).isTrue();
        assertThat(Scope.parse("repository(plugin):vieux/sshfs:pull").type()).isEqualTo("repository(plugin)");
        assertThat(Scope.parse("repository:localhost:5000/app:pull").name()).isEqualTo("localhost:5000/app");
    }

    @Test
    void parse_rejectsMalformedScopes() {
        for (String bad : new String[] {"repository", "repository:x", "repository:x:", ":x:pull", "repository::pull",
                "repository:x:pull,", "repository:a b:pull", "Repo:x:pull", "repository:x:pu\"ll", "repository:x\":pull"}) {
            assertThatThrownBy(() -> Scope.parse(bad)).as(bad).isInstanceOf(BerthException.class).hasMessageContaining("scope");
        }
    }

    @Test
    void merge_unitesActionsPerResourceInStableOrder() {
        List<Scope> merged = Scope.merge(List.of(
                Scope.repository("team/b", Scope.PULL),
                Scope.repository("team/a", Scope.PUSH),
                Scope.repository("team/a", Scope.PULL),
                Scope.parse("registry:catalog:*")));
        assertThat(merged).extracting(Scope::toString)
                .containsExactly("registry:catalog:*", "repository:team/a:pull,push", "repository:team/b:pull");
    }

    @Test
    void covers_needsEveryAction() {
        Scope pullPush = Scope.repository("a", Scope.PULL, Scope.PUSH);
        assertThat(pullPush.covers(Scope.repository("a", Scope.PULL))).isTrue();
        assertThat(Scope.repository("a", Scope.PULL).covers(pullPush)).isFalse();
        assertThat(pullPush.covers(Scope.repository("b", Scope.PULL))).isFalse();
        assertThat(Scope.repository("a", "*").covers(pullPush)).isTrue();
    }

    @Test
    void parseAll_splitsOnSpaces() {
        assertThat(Scope.parseAll(" repository:a:pull  repository:b:push ")).extracting(Scope::name).containsExactly("a", "b");
        assertThat(Scope.parseAll("")).isEmpty();
    }
}
