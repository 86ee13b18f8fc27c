package berth.compose.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Variable substitution in values (never keys), as the Compose Specification defines it: {@code
 * $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset),
 * {@code ${VAR:?message}} / {@code ${VAR?message}} (required), {@code ${VAR:+alt}} / {@code
 * ${VAR+alt}} (replacement when set), nested in defaults, and {@code $$} for a literal {@code $}.
 * An unset variable without a default becomes the empty string.
 */
final class Interpolator {
  private final Function<String, String> lookup;
  private final java.util.function.Consumer<String> unset;

  /** @param lookup the value of a variable, or null when unset */
  Interpolator(Function<String, String> lookup) {
    this(lookup, name -> {});
  }

  /** @param unset told the name of each unset variable that was replaced by the empty string */
  Interpolator(Function<String, String> lookup, java.util.function.Consumer<String> unset) {
    this.lookup = lookup;
    this.unset = unset;
  }

  private String plain(String name) {
    String v = lookup.apply(name);
    if (v == null) unset.accept(name);
    return v == null ? "" : v;
  }

  /** Interpolates every string value of {@code tree} in place; {@code where} prefixes errors. */
  void interpolateTree(Map<String, Object> tree, String where) {
    interpolateMap(tree, "", where);
  }

  private void interpolateMap(Map<String, Object> m, String path, String where) {
    for (Map.Entry<String, Object> e : m.entrySet()) {
      e.setValue(interpolateNode(e.getValue(), Tree.child(path, e.getKey()), where));
    }
  }

  private Object interpolateNode(Object v, String path, String where) {
    if (v instanceof String s) return interpolate(s, path, where);
    if (v instanceof Map<?, ?>) {
      interpolateMap(Tree.map(v), path, where);
    } else if (v instanceof List<?>) {
      List<Object> l = Tree.list(v);
      for (int i = 0; i < l.size(); i++) l.set(i, interpolateNode(l.get(i), path + "[" + i + "]", where));
    }
    return v;
  }

  /** Interpolates one string; {@code path} and {@code where} name it in errors. */
  String interpolate(String s, String path, String where) {
    if (s.indexOf('$') < 0) return s;
    return new Parser(s, path, where).text(false);
  }

  private final class Parser {
    private final String s;
    private final String path;
    private final String where;
    private int i;

    Parser(String s, String path, String where) {
      this.s = s;
      this.path = path;
      this.where = where;
    }

    /** Text up to the end, or (nested) up to the closing brace of the enclosing ${...}. */
    String text(boolean nested) {
      StringBuilder out = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (nested && c == '}') return out.toString();
        if (c != '$') {
          out.append(c);
          i++;
          continue;
        }
        i++;
        if (i >= s.length()) throw invalid();
        char n = s.charAt(i);
        if (n == '$') {
          out.append('$');
          i++;
        } else if (n == '{') {
          i++;
          out.append(braced());
        } else if (isNameStart(n)) {
          int start = i;
          while (i < s.length() && isNamePart(s.charAt(i))) i++;
          out.append(plain(s.substring(start, i)));
        } else {
          throw invalid();
        }
      }
      if (nested) throw invalid();
      return out.toString();
    }

    private String braced() {
      int start = i;
      while (i < s.length() && isNamePart(s.charAt(i))) i++;
      String name = s.substring(start, i);
      if (name.isEmpty() || !isNameStart(name.charAt(0)) || i >= s.length()) throw invalid();
      char c = s.charAt(i);
      if (c == '}') {
        i++;
        return plain(name);
      }
      boolean colon = c == ':';
      if (colon) {
        i++;
        if (i >= s.length()) throw invalid();
        c = s.charAt(i);
      }
      if (c != '-' && c != '?' && c != '+') throw invalid();
      i++;
      String arg = text(true); // nested substitutions are expanded eagerly, as compose does
      if (i >= s.length() || s.charAt(i) != '}') throw invalid();
      i++;
      String v = lookup.apply(name);
      boolean set = colon ? v != null && !v.isEmpty() : v != null;
      return switch (c) {
        case '-' -> set ? v : arg;
        case '+' -> set ? arg : "";
        default -> {
          if (set) yield v;
          throw new ComposeFileException(
              where
                  + ": required variable "
                  + name
                  + " is missing a value"
                  + (arg.isEmpty() ? "" : ": " + arg)
                  + " (in "
                  + path
                  + ")");
        }
      };
    }

    private ComposeFileException invalid() {
      return new ComposeFileException(
          where
              + ": invalid interpolation format for "
              + path
              + ": \""
              + s
              + "\"; you may need to escape any $ with another $");
    }
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
