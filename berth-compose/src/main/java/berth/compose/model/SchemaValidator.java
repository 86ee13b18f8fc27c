package berth.compose.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a (interpolated) compose tree against {@code compose-spec.json}, draft-07.
 *
 * <p>Only the keywords the Compose schema uses are implemented: {@code $ref} (local), {@code type},
 * {@code enum}, {@code properties}, {@code patternProperties}, {@code additionalProperties}, {@code
 * required}, {@code items}, {@code uniqueItems}, {@code oneOf}, {@code anyOf}, {@code allOf}, {@code
 * minimum}, {@code maximum}, {@code pattern}. A general validator library would work too; this one
 * exists for its messages: each names the key path and what was expected, and a failed {@code
 * oneOf} reports the branch that matches the value's type rather than every branch.
 */
final class SchemaValidator {
  private static final int MAX_ERRORS = 10;
  private static final SchemaValidator COMPOSE = load("compose-spec.json");

  private final JsonNode root;
  private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();

  private SchemaValidator(JsonNode root) {
    this.root = root;
  }

  static SchemaValidator compose() {
    return COMPOSE;
  }

  private static SchemaValidator load(String resource) {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing resource " + resource);
      return new SchemaValidator(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Throws {@link ComposeFileException} listing the violations, each prefixed by {@code where}. */
  void validate(Object tree, String where) {
    List<String> errors = new ArrayList<>();
    check(root, tree, "", errors);
    if (!errors.isEmpty()) {
      List<String> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
      StringBuilder sb = new StringBuilder();
      for (String e : new LinkedHashSet<>(shown)) {
        if (!sb.isEmpty()) sb.append('\n');
        sb.append(where).append(": ").append(e);
      }
      throw new ComposeFileException(sb.toString());
    }
  }

  private JsonNode resolve(JsonNode schema) {
    int guard = 0;
    while (schema.has("$ref") && guard++ < 32) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#")) throw new IllegalStateException("remote $ref unsupported: " + ref);
      schema = root.at(ref.substring(1));
      if (schema.isMissingNode()) throw new IllegalStateException("dangling $ref " + ref);
    }
    return schema;
  }

  private void check(JsonNode schema, Object value, String path, List<String> errors) {
    schema = resolve(schema);
    if (schema.isBoolean()) {
      if (!schema.asBoolean()) errors.add(at(path) + "is not allowed");
      return;
    }
    JsonNode type = schema.get("type");
    if (type != null && !typeMatches(type, value)) {
      errors.add(at(path) + "must be " + typeNames(type));
      return;
    }
    JsonNode en = schema.get("enum");
    if (en != null) {
      boolean found = false;
      for (JsonNode option : en) found |= jsonEquals(option, value);
      if (!found) {
        List<String> opts = new ArrayList<>();
        en.forEach(o -> opts.add(o.isTextual() ? "\"" + o.asText() + "\"" : o.toString()));
        errors.add(at(path) + "must be one of " + String.join(", ", opts) + " (got " + show(value) + ")");
        return;
      }
    }
    if (value instanceof Map<?, ?> m) checkObject(schema, Tree.map(m), path, errors);
    if (value instanceof List<?> l) checkArray(schema, l, path, errors);
    if (value instanceof String s) {
      JsonNode pattern = schema.get("pattern");
      if (pattern != null && !pattern(pattern.asText()).matcher(s).find()) {
        errors.add(at(path) + "\"" + s + "\" does not match " + pattern.asText());
      }
    }
    if (value instanceof Number n && !(value instanceof Double d && d.isNaN())) {
      BigDecimal v = decimal(n);
      JsonNode min = schema.get("minimum");
      if (min != null && v.compareTo(min.decimalValue()) < 0) {
        errors.add(at(path) + "must be >= " + min.asText() + " (got " + show(value) + ")");
      }
      JsonNode max = schema.get("maximum");
      if (max != null && v.compareTo(max.decimalValue()) > 0) {
        errors.add(at(path) + "must be <= " + max.asText() + " (got " + show(value) + ")");
      }
    }
    JsonNode allOf = schema.get("allOf");
    if (allOf != null) for (JsonNode s : allOf) check(s, value, path, errors);
    JsonNode anyOf = schema.get("anyOf");
    if (anyOf != null) checkAlternatives(anyOf, value, path, errors, false);
    JsonNode oneOf = schema.get("oneOf");
    if (oneOf != null) checkAlternatives(oneOf, value, path, errors, true);
  }

  private void checkObject(JsonNode schema, Map<String, Object> m, String path, List<String> errors) {
    JsonNode required = schema.get("required");
    if (required != null) {
      for (JsonNode r : required) {
        if (!m.containsKey(r.asText())) errors.add(at(path) + "missing required property '" + r.asText() + "'");
      }
    }
    JsonNode props = schema.get("properties");
    JsonNode patternProps = schema.get("patternProperties");
    JsonNode additional = schema.get("additionalProperties");
    for (Map.Entry<String, Object> e : m.entrySet()) {
      String key = e.getKey();
      String childPath = Tree.child(path, key);
      boolean matched = false;
      if (props != null && props.has(key)) {
        matched = true;
        check(props.get(key), e.getValue(), childPath, errors);
      }
      if (patternProps != null) {
        for (Map.Entry<String, JsonNode> pp : patternProps.properties()) {
          if (pattern(pp.getKey()).matcher(key).find()) {
            matched = true;
            check(pp.getValue(), e.getValue(), childPath, errors);
          }
        }
      }
      if (!matched && additional != null) {
        if (additional.isBoolean()) {
          if (!additional.asBoolean()) {
            errors.add(at(path) + "additional property '" + key + "' is not allowed");
          }
        } else {
          check(additional, e.getValue(), childPath, errors);
        }
      }
    }
  }

  private void checkArray(JsonNode schema, List<?> l, String path, List<String> errors) {
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < l.size(); i++) {
        JsonNode s = items.isArray() ? (i < items.size() ? items.get(i) : null) : items;
        if (s != null) check(s, l.get(i), path + "[" + i + "]", errors);
      }
    }
    JsonNode unique = schema.get("uniqueItems");
    if (unique != null && unique.asBoolean()) {
      Set<Object> seen = new HashSet<>();
      for (int i = 0; i < l.size(); i++) {
        if (!seen.add(canonical(l.get(i)))) {
          errors.add(at(path + "[" + i + "]") + "duplicate item " + show(l.get(i)) + " (items must be unique)");
        }
      }
    }
  }

  /**
   * oneOf/anyOf. When no branch matches, report the most specific reason: the errors of the only
   * branch whose type fits the value, else a type error naming all the allowed types.
   */
  private void checkAlternatives(JsonNode branches, Object value, String path, List<String> errors, boolean exactlyOne) {
    int matches = 0;
    List<List<String>> branchErrors = new ArrayList<>();
    for (JsonNode b : branches) {
      List<String> e = new ArrayList<>();
      check(b, value, path, e);
      branchErrors.add(e);
      if (e.isEmpty()) matches++;
    }
    if (matches == 1 || (!exactlyOne && matches > 0)) return;
    if (matches > 1) {
      errors.add(at(path) + "matches more than one allowed form");
      return;
    }
    List<String> best = null;
    Set<String> types = new LinkedHashSet<>();
    for (int i = 0; i < branches.size(); i++) {
      JsonNode b = resolve(branches.get(i));
      JsonNode t = b.get("type");
      if (t == null) {
        if (best == null || branchErrors.get(i).size() < best.size()) best = branchErrors.get(i);
        continue;
      }
      if (t.isArray()) t.forEach(x -> types.add(x.asText()));
      else types.add(t.asText());
      if (typeMatches(t, value) && (best == null || branchErrors.get(i).size() < best.size())) {
        best = branchErrors.get(i);
      }
    }
    if (best != null && !best.isEmpty()) {
      errors.addAll(best);
    } else {
      errors.add(at(path) + "must be " + names(new ArrayList<>(types)));
    }
  }

  private Pattern pattern(String regex) {
    return patterns.computeIfAbsent(regex, Pattern::compile);
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  private static boolean typeMatches(JsonNode type, Object value) {
    if (type.isArray()) {
      for (JsonNode t : type) if (typeIs(t.asText(), value)) return true;
      return false;
    }
    return typeIs(type.asText(), value);
  }

  private static boolean typeIs(String type, Object v) {
    return switch (type) {
      case "object" -> v instanceof Map;
      case "array" -> v instanceof List;
      case "string" -> v instanceof String;
      case "boolean" -> v instanceof Boolean;
      case "null" -> v == null;
      case "number" -> v instanceof Number;
      case "integer" ->
          v instanceof Long
              || v instanceof Integer
              || v instanceof BigInteger
              || (v instanceof Double d && d == Math.rint(d) && !d.isInfinite());
      default -> false;
    };
  }

  private static String typeNames(JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isArray()) type.forEach(t -> names.add(t.asText()));
    else names.add(type.asText());
    return names(names);
  }

  /** "a string", "a string or number", "an integer, string or null". */
  private static String names(List<String> types) {
    List<String> words = new ArrayList<>();
    for (String t : types) {
      words.add(
          switch (t) {
            case "object" -> "mapping";
            case "array" -> "list";
            default -> t;
          });
    }
    String first = words.getFirst();
    String article = first.equals("null") ? "" : (first.matches("[aeiou].*") ? "an " : "a ");
    if (words.size() == 1) return article + first;
    return article
        + String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.getLast();
  }

  private static boolean jsonEquals(JsonNode option, Object v) {
    if (option.isTextual()) return option.asText().equals(v);
    if (option.isNumber()) return v instanceof Number n && decimal(n).compareTo(option.decimalValue()) == 0;
    if (option.isBoolean()) return v instanceof Boolean b && b == option.asBoolean();
    if (option.isNull()) return v == null;
    return false;
  }

  private static BigDecimal decimal(Number n) {
    if (n instanceof BigInteger b) return new BigDecimal(b);
    if (n instanceof Double || n instanceof Float) return BigDecimal.valueOf(n.doubleValue());
    return BigDecimal.valueOf(n.longValue());
  }

  private static Object canonical(Object v) {
    if (v instanceof Number n && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
      return decimal(n).stripTrailingZeros();
    }
    return v;
  }

  private static String show(Object v) {
    if (v instanceof String s) return "\"" + s + "\"";
    return String.valueOf(v);
  }
}
