package berth.compose.project;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one task per service, each after the tasks of the services it depends on (or, in {@link
 * Order#REVERSE}, after the services that depend on it: stopping and removing), and in parallel on
 * virtual threads wherever the order allows. A failed task fails everything that waits for it; the
 * first failure is rethrown once every started task has finished.
 */
public final class DependencyRunner {
    /** FORWARD: dependencies first (create, start). REVERSE: dependents first (stop, remove). */
    public enum Order { FORWARD, REVERSE }

    /** The work for one service. */
    @FunctionalInterface
    public interface Task {
        void run(String service) throws Exception;
    }

    private DependencyRunner() {}

    /**
     * @param dependsOn service → the services it depends on; names outside the map are ignored (a
     *     dependency that is not part of this run)
     */
    public static void run(Map<String, ? extends Set<String>> dependsOn, Order order, Task task) {
        Map<String, Set<String>> before = order == Order.FORWARD ? restricted(dependsOn) : reversed(restricted(dependsOn));
        Map<String, CompletableFuture<Void>> done = new HashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String s : topological(before)) {
                List<CompletableFuture<Void>> waits = new ArrayList<>();
                before.get(s).forEach(d -> waits.add(done.get(d)));
                CompletableFuture<Void> f = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                        .thenRunAsync(() -> {
                            try {
                                task.run(s);
                            } catch (RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            }
                        }, pool);
                done.put(s, f);
            }
            try {
                CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).get();
            } catch (ExecutionException e) {
                // wait for the tasks still running, then report the first cause
                done.values().forEach(f -> f.handle((v, t) -> null).join());
                throw unwrap(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException r ? r : new ProjectException(t.getMessage(), t);
    }

    private static Map<String, Set<String>> restricted(Map<String, ? extends Set<String>> deps) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        deps.forEach((s, ds) -> {
            Set<String> kept = new LinkedHashSet<>();
            ds.stream().filter(deps::containsKey).forEach(kept::add);
            m.put(s, kept);
        });
        return m;
    }

    private static Map<String, Set<String>> reversed(Map<String, Set<String>> deps) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        deps.keySet().forEach(s -> m.put(s, new LinkedHashSet<>()));
        deps.forEach((s, ds) -> ds.forEach(d -> m.get(d).add(s)));
        return m;
    }

    /** The services with everything each waits for before it; a cycle is an error (the model refuses them first). */
    static List<String> topological(Map<String, Set<String>> before) {
        List<String> out = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String s : before.keySet()) {
            visit(s, before, visiting, seen, out);
        }
        return out;
    }

    private static void visit(String s, Map<String, Set<String>> before, Set<String> visiting, Set<String> seen, List<String> out) {
        if (seen.contains(s)) {
            return;
        }
        if (!visiting.add(s)) {
            throw new ProjectException("dependency cycle detected: " + String.join(" -> ", visiting) + " -> " + s);
        }
        for (String d : before.get(s)) {
            visit(d, before, visiting, seen, out);
        }
        visiting.remove(s);
        seen.add(s);
        out.add(s);
    }
}
