package berth.compose.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code !reset} and {@code !override} YAML tags of one file, as key paths (e.g. {@code
 * [services, web, ports]}). {@code !reset} removes what the merged-over value had; {@code
 * !override} replaces it instead of merging. They act when the file is merged over earlier files
 * and when a service is merged over the service it {@code extends}.
 */
final class MergeTags {
  final Set<List<String>> resets = new LinkedHashSet<>();
  final Set<List<String>> overrides = new LinkedHashSet<>();

  boolean isEmpty() {
    return resets.isEmpty() && overrides.isEmpty();
  }

  /**
   * After {@code own} was merged into {@code merged}: applies the tags found under {@code prefix}
   * (relative to it) — resets removed, overrides copied from {@code own}.
   */
  void applyTo(Map<String, Object> merged, Map<String, Object> own, List<String> prefix) {
    for (List<String> path : resets) {
      List<String> rel = relative(path, prefix);
      if (rel != null) remove(merged, rel);
    }
    for (List<String> path : overrides) {
      List<String> rel = relative(path, prefix);
      if (rel == null) continue;
      Object value = get(own, rel);
      Map<String, Object> parent = parent(merged, rel);
      if (parent != null) parent.put(rel.getLast(), Tree.copy(value));
    }
  }

  private static List<String> relative(List<String> path, List<String> prefix) {
    if (path.size() <= prefix.size() || !path.subList(0, prefix.size()).equals(prefix)) return null;
    return new ArrayList<>(path.subList(prefix.size(), path.size()));
  }

  private static void remove(Map<String, Object> m, List<String> rel) {
    Map<String, Object> parent = parent(m, rel);
    if (parent != null) parent.remove(rel.getLast());
  }

  private static Map<String, Object> parent(Map<String, Object> m, List<String> rel) {
    Map<String, Object> cur = m;
    for (String k : rel.subList(0, rel.size() - 1)) {
      if (!(cur.get(k) instanceof Map<?, ?> next)) return null;
      cur = Tree.map(next);
    }
    return cur;
  }

  private static Object get(Map<String, Object> m, List<String> rel) {
    Map<String, Object> parent = parent(m, rel);
    return parent == null ? null : parent.get(rel.getLast());
  }
}
