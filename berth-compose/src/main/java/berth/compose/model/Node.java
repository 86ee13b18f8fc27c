package berth.compose.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from one map of the canonical tree; every read key is remembered so that what is left
 * ends up in the record's {@code other} map instead of being dropped.
 */
final class Node {
  private final Map<String, Object> map;
  final String path;
  private final Set<String> read = new java.util.HashSet<>();

  Node(Map<String, Object> map, String path) {
    this.map = map == null ? Map.of() : map;
    this.path = path;
  }

  boolean has(String key) {
    read.add(key);
    return map.get(key) != null;
  }

  Object raw(String key) {
    read.add(key);
    return map.get(key);
  }

  Node child(String key) {
    Object v = raw(key);
    return v instanceof Map<?, ?> m ? new Node(Tree.map(m), Tree.child(path, key)) : null;
  }

  String str(String key) {
    return Tree.str(raw(key));
  }

  boolean bool(String key) {
    Boolean b = boolOrNull(key);
    return b != null && b;
  }

  Boolean boolOrNull(String key) {
    Object v = raw(key);
    if (v == null) return null;
    if (v instanceof Boolean b) return b;
    String s = Tree.str(v).toLowerCase(java.util.Locale.ROOT);
    return switch (s) {
      case "true", "yes", "y", "on", "1" -> true;
      case "false", "no", "n", "off", "0" -> false;
      default -> throw new ComposeFileException(Tree.child(path, key) + ": must be a boolean (got \"" + v + "\")");
    };
  }

  Long longOrNull(String key) {
    Object v = raw(key);
    if (v == null) return null;
    if (v instanceof Number n) return n.longValue();
    try {
      return Long.parseLong(Tree.str(v).strip());
    } catch (NumberFormatException e) {
      throw new ComposeFileException(Tree.child(path, key) + ": must be an integer (got \"" + v + "\")");
    }
  }

  Integer intOrNull(String key) {
    Long l = longOrNull(key);
    return l == null ? null : Math.toIntExact(l);
  }

  /** File modes are octal in the file ({@code 0440}); YAML already read {@code 0440} as a number. */
  Integer modeOrNull(String key) {
    Object v = raw(key);
    if (v == null) return null;
    if (v instanceof Number n) return n.intValue();
    try {
      return Integer.parseInt(Tree.str(v).strip(), 8);
    } catch (NumberFormatException e) {
      throw new ComposeFileException(Tree.child(path, key) + ": must be an octal file mode (got \"" + v + "\")");
    }
  }

  Double doubleOrNull(String key) {
    Object v = raw(key);
    if (v == null) return null;
    if (v instanceof Number n) return n.doubleValue();
    try {
      return Double.parseDouble(Tree.str(v).strip());
    } catch (NumberFormatException e) {
      throw new ComposeFileException(Tree.child(path, key) + ": must be a number (got \"" + v + "\")");
    }
  }

  Duration duration(String key) {
    Object v = raw(key);
    return v == null ? null : Units.duration(Tree.str(v), Tree.child(path, key));
  }

  Long bytes(String key) {
    Object v = raw(key);
    return v == null ? null : Units.bytes(v, Tree.child(path, key));
  }

  /** A list of strings; null when the key is absent (see {@link #strList}). */
  List<String> strListOrNull(String key) {
    Object v = raw(key);
    if (v == null) return null;
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) l.forEach(x -> out.add(Tree.str(x)));
    else out.add(Tree.str(v));
    return out;
  }

  List<String> strList(String key) {
    List<String> l = strListOrNull(key);
    return l == null ? List.of() : l;
  }

  /** A map of strings (values may be null). */
  Map<String, String> strMap(String key) {
    Object v = raw(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) Tree.map(m).forEach((k, x) -> out.put(k, Tree.str(x)));
    return out;
  }

  Map<String, List<String>> listMap(String key) {
    Object v = raw(key);
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (v instanceof Map<?, ?> m) {
      Tree.map(m).forEach((k, x) -> {
        List<String> l = new ArrayList<>();
        if (x instanceof List<?> xl) xl.forEach(i -> l.add(Tree.str(i)));
        else if (x != null) l.add(Tree.str(x));
        out.put(k, l);
      });
    }
    return out;
  }

  Map<String, Object> rawMap(String key) {
    Object v = raw(key);
    return v instanceof Map<?, ?> m ? Tree.map(m) : Map.of();
  }

  /** The keys not read so far, with their values: the record's {@code other}. */
  Map<String, Object> rest() {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (!read.contains(k)) out.put(k, v);
    });
    return out;
  }
}
