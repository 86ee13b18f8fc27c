package berth.compose.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the plain YAML tree (maps, lists, scalars) and its key paths. */
final class Tree {
  private Tree() {}

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** A child map, created when absent. */
  static Map<String, Object> mapAt(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v instanceof Map<?, ?>) return map(v);
    Map<String, Object> m = new LinkedHashMap<>();
    parent.put(key, m);
    return m;
  }

  /** A deep, mutable copy. */
  static Object copy(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, copy(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(copy(v)));
      return out;
    }
    return o;
  }

  /** A scalar as a string (numbers without ".0" when integral), null stays null. */
  static String str(Object o) {
    if (o == null) return null;
    if (o instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return Long.toString(d.longValue());
    return String.valueOf(o);
  }
}
