package berth.compose.model;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which services are active: those without profiles, those with an enabled profile ({@code *}
 * enables all), and those named on the command line together with everything they depend on.
 */
final class Profiles {
  private Profiles() {}

  /** The active subset of {@code all}, in file order. */
  static Map<String, Service> active(Map<String, Service> all, Collection<String> enabled, Collection<String> targeted) {
    Set<String> on = new HashSet<>();
    for (Service s : all.values()) {
      if (s.profiles().isEmpty() || enabled.contains("*") || s.profiles().stream().anyMatch(enabled::contains)) {
        on.add(s.name());
      }
    }
    Deque<String> todo = new ArrayDeque<>();
    for (String t : targeted) {
      if (!all.containsKey(t)) throw new ComposeFileException("no such service: " + t);
      todo.add(t);
    }
    Set<String> visited = new HashSet<>();
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!visited.add(name)) continue;
      on.add(name);
      all.get(name).dependsOn().keySet().stream().filter(all::containsKey).forEach(todo::add);
    }
    Map<String, Service> out = new LinkedHashMap<>();
    all.forEach((k, v) -> {
      if (on.contains(k)) out.put(k, v);
    });
    // an active service may not silently lose a required dependency to a profile
    for (Service s : out.values()) {
      s.dependsOn().forEach((dep, d) -> {
        if (d.required() && all.containsKey(dep) && !out.containsKey(dep)) {
          throw new ComposeFileException(
              "service \"" + s.name() + "\" depends on service \"" + dep + "\", which is disabled: enable one of its profiles "
                  + all.get(dep).profiles());
        }
      });
    }
    return out;
  }
}
