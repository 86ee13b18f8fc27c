package berth.compose.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unmodifiable, order-keeping copies that, unlike {@code Map.copyOf}, allow null values. */
final class Maps {
  private Maps() {}

  static <K, V> Map<K, V> ordered(Map<K, V> m) {
    if (m == null || m.isEmpty()) return Map.of();
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  /** Keeps null (unset) distinct from empty. */
  static <T> List<T> nullableList(List<T> l) {
    return l == null ? null : List.copyOf(l);
  }
}
