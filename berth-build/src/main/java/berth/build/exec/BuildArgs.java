package berth.build.exec;

import berth.build.dockerfile.BuildStages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The build args of one stage, with Docker's scoping rules (its {@code BuildArgs}): a {@code --build-arg}
 * reaches a stage only once an ARG there (or, for FROM lines, a global ARG) declares it; an ARG without
 * a default takes the global ARG's value; the proxy args ({@link BuildStages#PREDEFINED_ARGS}) need no
 * ARG but stay out of history and the cache key unless declared. Not thread-safe: one per stage.
 */
final class BuildArgs {
    private final Map<String, String> fromRequest;   // values may be null: declared without a value
    private final Map<String, String> global;        // global ARG name -> value (null when it has none)
    private final Map<String, Declared> declared = new LinkedHashMap<>();
    private final Set<String> referenced;             // shared by all stages, for the "not consumed" warning

    private record Declared(String defaultValue) {}

    private BuildArgs(Map<String, String> fromRequest, Map<String, String> global, Set<String> referenced) {
        this.fromRequest = fromRequest;
        this.global = global;
        this.referenced = referenced;
    }

    /** The args of the global scope (before the first FROM): every global ARG's value. */
    static BuildArgs global(Map<String, String> fromRequest) {
        return new BuildArgs(fromRequest, new LinkedHashMap<>(), new HashSet<>());
    }

    /** Declares a global ARG (expanded default, or null) and records its value for the FROM lines and stages. */
    void declareGlobal(String name, String defaultValue) {
        declare(name, defaultValue);
        global.put(name, value(name, defaultValue).orElse(null));
    }

    /** A fresh stage scope: nothing declared yet, the global values remembered. */
    BuildArgs forStage() {
        return new BuildArgs(fromRequest, global, referenced);
    }

    /** An ARG line in a stage. */
    void declare(String name, String defaultValue) {
        declared.put(name, new Declared(defaultValue));
        referenced.add(name);
    }

    private java.util.Optional<String> value(String name, String defaultValue) {
        String given = fromRequest.get(name);
        if (given != null) {
            return java.util.Optional.of(given);
        }
        if (defaultValue == null) {
            return java.util.Optional.ofNullable(global.get(name));
        }
        return java.util.Optional.of(defaultValue);
    }

    /** The values FROM lines expand with: the global ARGs' and the proxy args given. */
    Map<String, String> globalValues() {
        Map<String, String> out = new LinkedHashMap<>();
        global.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        for (String builtin : BuildStages.PREDEFINED_ARGS) {
            String v = fromRequest.get(builtin);
            if (v != null && !out.containsKey(builtin)) {
                out.put(builtin, v);
            }
        }
        return out;
    }

    /** Every arg in scope with a value: the declared ones and the proxy args given. */
    Map<String, String> allowed() {
        Map<String, String> out = new LinkedHashMap<>();
        declared.forEach((name, d) -> value(name, d.defaultValue()).ifPresent(v -> out.put(name, v)));
        for (String builtin : BuildStages.PREDEFINED_ARGS) {
            String v = fromRequest.get(builtin);
            if (v != null && !out.containsKey(builtin)) {
                out.put(builtin, v);
            }
        }
        return out;
    }

    /** The args in scope that ENV does not override, as {@code K=V} (Docker's FilterAllowed): RUN's extra env. */
    List<String> notIn(List<String> env) {
        Set<String> keys = new HashSet<>();
        for (String kv : env) {
            int eq = kv.indexOf('=');
            keys.add(eq < 0 ? kv : kv.substring(0, eq));
        }
        List<String> out = new ArrayList<>();
        allowed().forEach((k, v) -> {
            if (!keys.contains(k)) {
                out.add(k + "=" + v);
            }
        });
        return out;
    }

    /**
     * The RUN history prefix: {@code |N K=V ...} of the args that reach the command, sorted, proxy args left
     * out unless declared (their values must not split the cache), {@code |0 } when only those reach it;
     * empty when no arg reaches it.
     */
    String historyPrefix(List<String> env) {
        List<String> reaching = notIn(env);
        if (reaching.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String kv : reaching) {
            String key = kv.substring(0, kv.indexOf('='));
            if (declared.containsKey(key) || !BuildStages.PREDEFINED_ARGS.contains(key)) {
                kept.add(kv);
            }
        }
        kept.sort(null);
        // Docker writes the count even when only proxy args reach the command: "|0 /bin/sh -c ..."
        return "|" + kept.size() + " " + (kept.isEmpty() ? "" : String.join(" ", kept) + " ");
    }

    /** The expansion environment: ENV first, then args ENV does not set (ENV wins, as in Docker). */
    Map<String, String> expansionEnv(List<String> env) {
        Map<String, String> out = new HashMap<>();
        for (String kv : notIn(env)) {
            int eq = kv.indexOf('=');
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    /** Request args no ARG declared (proxy args excepted), sorted: Docker warns about them. */
    List<String> unconsumed() {
        return fromRequest.keySet().stream()
                .filter(k -> !referenced.contains(k) && !BuildStages.PREDEFINED_ARGS.contains(k))
                .sorted().toList();
    }
}
