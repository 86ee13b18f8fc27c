package berth.compose.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DependencyRunnerTest {
    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> g = new LinkedHashMap<>();
        g.put("app", Set.of("web", "db"));
        g.put("web", Set.of("db"));
        g.put("db", Set.of());
        g.put("worker", Set.of());
        return g;
    }

    @Test
    void forward_runsDependenciesFirst() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        DependencyRunner.run(graph(), DependencyRunner.Order.FORWARD, order::add);
        assertThat(order).containsExactlyInAnyOrder("app", "web", "db", "worker");
        assertThat(order.indexOf("db")).isLessThan(order.indexOf("web"));
        assertThat(order.indexOf("web")).isLessThan(order.indexOf("app"));
    }

    @Test
    void reverse_runsDependentsFirst() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        DependencyRunner.run(graph(), DependencyRunner.Order.REVERSE, order::add);
        assertThat(order.indexOf("app")).isLessThan(order.indexOf("web"));
        assertThat(order.indexOf("web")).isLessThan(order.indexOf("db"));
    }

    @Test
    void independentServices_runAtTheSameTime() {
        // db and worker each wait for the other to have started: this only finishes if they run in parallel
        CountDownLatch both = new CountDownLatch(2);
        Map<String, Set<String>> g = Map.of("db", Set.of(), "worker", Set.of());
        DependencyRunner.run(g, DependencyRunner.Order.FORWARD, s -> {
            both.countDown();
            assertThat(both.await(30, TimeUnit.SECONDS)).as("the other task ran concurrently").isTrue();
        });
    }

    @Test
    void aFailure_skipsItsDependents_andIsRethrown() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> DependencyRunner.run(graph(), DependencyRunner.Order.FORWARD, s -> {
            if (s.equals("db")) {
                throw new ProjectException("db broke");
            }
            ran.add(s);
        })).isInstanceOf(ProjectException.class).hasMessage("db broke");
        assertThat(ran).doesNotContain("web", "app");
    }

    @Test
    void dependenciesOutsideTheRun_areIgnored() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        DependencyRunner.run(Map.of("web", Set.of("db")), DependencyRunner.Order.FORWARD, order::add);
        assertThat(order).containsExactly("web");
    }

    @Test
    void aCycle_isRefused() {
        assertThatThrownBy(() -> DependencyRunner.run(Map.of("a", Set.of("b"), "b", Set.of("a")),
                DependencyRunner.Order.FORWARD, s -> {})).isInstanceOf(ProjectException.class).hasMessageContaining("cycle");
    }
}
