package berth.compose.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one compose file into a plain tree: {@code LinkedHashMap<String, Object>}, {@code
 * ArrayList<Object>}, {@code String}, {@code Long}/{@code BigInteger}, {@code Double}, {@code
 * Boolean}, {@code null}. Anchors, aliases and {@code <<} merge keys are resolved. Plain scalars are
 * typed by the YAML 1.2 core schema (as docker compose's yaml.v3 does), so {@code 22:22}, {@code
 * yes} and {@code 2024-01-01} stay strings.
 */
final class YamlReader {
  private YamlReader() {}

  static Map<String, Object> read(String text, String fileName) {
    return read(text, fileName, new MergeTags());
  }

  /** Reads, and records the {@code !reset}/{@code !override} tags in {@code tags} (their keys are left out / kept). */
  static Map<String, Object> read(String text, String fileName, MergeTags tags) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setCodePointLimit(64 * 1024 * 1024);
    Yaml yaml =
        new Yaml(
            new TaggedConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            new CoreSchemaResolver());
    Object doc;
    try {
      doc = yaml.load(text);
    } catch (YAMLException e) {
      throw new ComposeFileException(fileName + ": invalid YAML: " + e.getMessage().strip(), e);
    }
    if (doc == null) return new LinkedHashMap<>();
    if (!(doc instanceof Map<?, ?>)) {
      throw new ComposeFileException(fileName + ": top-level object must be a mapping");
    }
    return asTree(doc, "", List.of(), fileName, tags);
  }

  /** Copies into mutable, ordered containers with string keys. */
  @SuppressWarnings("unchecked")
  private static <T> T asTree(Object node, String path, List<String> keys, String fileName, MergeTags tags) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = e.getKey();
        if (k instanceof Map || k instanceof List) {
          throw new ComposeFileException(fileName + ": " + (path.isEmpty() ? "" : path + ": ") + "non-scalar key");
        }
        String key = String.valueOf(k);
        List<String> childKeys = new ArrayList<>(keys);
        childKeys.add(key);
        Object v = e.getValue();
        if (v == RESET) {
          tags.resets.add(childKeys);
          continue;
        }
        if (v instanceof OverrideValue o) {
          tags.overrides.add(childKeys);
          v = o.value();
        }
        out.put(key, asTree(v, Tree.child(path, key), childKeys, fileName, tags));
      }
      return (T) out;
    }
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        Object v = l.get(i);
        if (v == RESET || v instanceof OverrideValue) {
          throw new ComposeFileException(fileName + ": " + path + "[" + i + "]: !reset and !override apply to keys, not list items");
        }
        out.add(asTree(v, path + "[" + i + "]", keys, fileName, tags));
      }
      return (T) out;
    }
    if (node instanceof byte[] || node instanceof java.util.Date || node instanceof java.util.Set) {
      throw new ComposeFileException(fileName + ": " + path + ": unsupported YAML type");
    }
    if (node instanceof Integer i) return (T) Long.valueOf(i); // one integer type downstream
    return (T) node;
  }

  private static final Object RESET = new Object();

  private record OverrideValue(Object value) {}

  /** Safe constructor plus docker compose's merge tags {@code !reset} and {@code !override}. */
  private static final class TaggedConstructor extends SafeConstructor {
    TaggedConstructor(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(new Tag("!reset"), new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          return RESET;
        }
      });
      this.yamlConstructors.put(new Tag("!override"), new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          Tag plain = switch (node.getNodeId()) {
            case mapping -> Tag.MAP;
            case sequence -> Tag.SEQ;
            default -> Tag.STR;
          };
          node.setTag(plain);
          return new OverrideValue(yamlConstructors.get(plain).construct(node));
        }
      });
    }
  }

  /** YAML 1.2 core schema: only true/false booleans, decimal/0o/0x ints, no sexagesimal, no dates. */
  private static final class CoreSchemaResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF");
      addImplicitResolver(Tag.INT, Pattern.compile("^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$"), "-+0123456789");
      addImplicitResolver(
          Tag.FLOAT,
          Pattern.compile(
              "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"),
          "-+0123456789.");
      addImplicitResolver(Tag.MERGE, Pattern.compile("^(?:<<)$"), "<");
      addImplicitResolver(Tag.NULL, Pattern.compile("^(?:~|null|Null|NULL| *)$"), "~nN\0");
      addImplicitResolver(Tag.NULL, Pattern.compile("^$"), null);
    }
  }
}
