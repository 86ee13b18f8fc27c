package berth.compose.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Merges canonical trees (see {@link Canonicalizer}) as the Compose Specification's merge rules say:
 * mappings are merged key by key; {@code command}, {@code entrypoint}, {@code healthcheck.test} and
 * {@code profiles} are replaced; {@code volumes} are merged by target, {@code secrets}/{@code
 * configs} by target (else source), {@code env_file} by path; other sequences ({@code ports}, {@code
 * expose}, {@code dns}, {@code cap_add}, ...) are appended without duplicates; a {@code logging}
 * with another driver replaces the options; scalars are replaced.
 */
final class Merger {
  private Merger() {}

  private static final Set<String> REPLACED = Set.of("command", "entrypoint", "profiles");

  /** Merges {@code override} (a whole file) into {@code base}, in place. */
  static void mergeFile(Map<String, Object> base, Map<String, Object> override) {
    for (Map.Entry<String, Object> e : override.entrySet()) {
      String key = e.getKey();
      Object over = e.getValue();
      Object cur = base.get(key);
      if (key.equals("services") && cur instanceof Map<?, ?> bs && over instanceof Map<?, ?> os) {
        Map<String, Object> baseServices = Tree.map(bs);
        Tree.map(os).forEach((name, svc) -> {
          Object b = baseServices.get(name);
          if (b instanceof Map<?, ?> bm && svc instanceof Map<?, ?> sm) mergeService(Tree.map(bm), Tree.map(sm));
          else baseServices.put(name, Tree.copy(svc));
        });
      } else {
        base.put(key, mergeValue(cur, over, key));
      }
    }
  }

  /** Merges {@code override} into the service {@code base}, in place. */
  static void mergeService(Map<String, Object> base, Map<String, Object> override) {
    for (Map.Entry<String, Object> e : override.entrySet()) {
      String key = e.getKey();
      Object over = e.getValue();
      Object cur = base.get(key);
      Object merged =
          switch (key) {
            case "volumes" -> mergeKeyed(cur, over, m -> m.get("target"));
            case "secrets", "configs" ->
                mergeKeyed(cur, over, m -> m.get("target") != null ? m.get("target") : m.get("source"));
            case "env_file" -> mergeKeyed(cur, over, m -> m.get("path"));
            case "logging" -> mergeLogging(cur, over);
            case "healthcheck", "build", "deploy" -> mergeNested(cur, over, key);
            default -> REPLACED.contains(key) ? Tree.copy(over) : mergeValue(cur, over, key);
          };
      base.put(key, merged);
    }
  }

  private static Object mergeNested(Object cur, Object over, String key) {
    if (!(cur instanceof Map<?, ?> cm) || !(over instanceof Map<?, ?> om)) return Tree.copy(over);
    Map<String, Object> out = Tree.map(Tree.copy(cm));
    Tree.map(om).forEach((k, v) -> {
      boolean replace = key.equals("healthcheck") && k.equals("test");
      out.put(k, replace ? Tree.copy(v) : mergeValue(out.get(k), v, k));
    });
    return out;
  }

  private static Object mergeLogging(Object cur, Object over) {
    if (cur instanceof Map<?, ?> cm && over instanceof Map<?, ?> om) {
      Object cd = cm.get("driver");
      Object od = om.get("driver");
      if (cd != null && od != null && !cd.equals(od)) return Tree.copy(over);
    }
    return mergeValue(cur, over, "logging");
  }

  /** Generic rule: maps merged recursively, lists appended without duplicates, scalars replaced. */
  static Object mergeValue(Object cur, Object over, String key) {
    if (cur instanceof Map<?, ?> cm && over instanceof Map<?, ?> om) {
      Map<String, Object> out = Tree.map(Tree.copy(cm));
      Tree.map(om).forEach((k, v) -> out.put(k, mergeValue(out.get(k), v, k)));
      return out;
    }
    if (cur instanceof List<?> cl && over instanceof List<?> ol) {
      List<Object> out = Tree.list(Tree.copy(cl));
      for (Object o : ol) if (!out.contains(o)) out.add(Tree.copy(o));
      return out;
    }
    return Tree.copy(over);
  }

  /** Lists of maps merged by a key: an override entry replaces the base entry with the same key. */
  private static Object mergeKeyed(Object cur, Object over, java.util.function.Function<Map<String, Object>, Object> keyOf) {
    if (!(cur instanceof List<?> cl) || !(over instanceof List<?> ol)) return Tree.copy(over);
    List<Object> out = new ArrayList<>(Tree.list(Tree.copy(cl)));
    for (Object o : ol) {
      Object k = o instanceof Map<?, ?> om ? keyOf.apply(Tree.map(om)) : o;
      int found = -1;
      for (int i = 0; i < out.size(); i++) {
        Object existing = out.get(i);
        Object ek = existing instanceof Map<?, ?> em ? keyOf.apply(Tree.map(em)) : existing;
        if (k != null && Objects.equals(k, ek)) found = i;
      }
      if (found >= 0) out.set(found, Tree.copy(o));
      else out.add(Tree.copy(o));
    }
    return out;
  }
}
