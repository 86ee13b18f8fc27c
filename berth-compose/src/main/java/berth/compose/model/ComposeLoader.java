package berth.compose.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Entry point: loads a compose project. The steps, in order (see the package documentation):
 *
 * <ol>
 *   <li>find the files ({@code -f}, {@code COMPOSE_FILE}, or the default names, searching parent
 *       directories as docker compose does), and the project directory;
 *   <li>read {@code .env} (or {@code --env-file}); the caller's environment wins over it;
 *   <li>per file: parse YAML, interpolate values, validate against the schema, rewrite into long
 *       forms with absolute paths (relative to the project directory);
 *   <li>merge the files in order; resolve {@code extends} (cycle-checked);
 *   <li>name the project; build the records (env files read, engine names given);
 *   <li>semantic checks (undefined references, cycles); apply profiles.
 * </ol>
 */
public final class ComposeLoader {
  private ComposeLoader() {}

  static final List<String> DEFAULT_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
  static final List<String> DEFAULT_OVERRIDES =
      List.of("compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml");

  /**
   * Loads, interpolates, merges, validates and normalises the project described by {@code options}.
   *
   * @throws ComposeFileException for any invalid input (the message names the file and key)
   */
  public static Project load(LoadOptions options) {
    return load(options, warning -> {});
  }

  /**
   * As {@link #load(LoadOptions)}, telling {@code warnings} what docker compose warns about: unset
   * variables replaced by the empty string, the obsolete {@code version} attribute, several default
   * files in one directory.
   */
  public static Project load(LoadOptions options, Consumer<String> warnings) {
    List<String> files = findFiles(options, warnings);
    Path projectDir = options.projectDir() != null
        ? options.workingDir().resolve(options.projectDir()).normalize()
        : files.getFirst().equals("-") ? options.workingDir() : Path.of(files.getFirst()).getParent();

    Map<String, String> environment = environment(options, projectDir);
    Function<String, String> lookup = environment::get;
    String home = environment.getOrDefault("HOME", System.getProperty("user.home"));

    Set<String> unset = new LinkedHashSet<>();
    Consumer<String> onUnset = unset::add;
    Includes includes = new Includes(environment, home, onUnset, warnings);
    FileReader otherFiles = p -> readFile(p.toString(), null, lookup, p.getParent(), home, onUnset, warnings);
    Map<String, Object> merged = null;
    for (String file : files) {
      ParsedFile parsed = readFile(file, options, lookup, projectDir, home, onUnset, warnings);
      String where = file.equals("-") ? "(stdin)" : file;
      includes.apply(parsed.tree(), where, projectDir, List.of(file));
      new Extends(otherFiles).resolveAll(parsed, where);
      if (merged == null) {
        merged = parsed.tree();
      } else {
        Merger.mergeFile(merged, parsed.tree());
        parsed.tags().applyTo(merged, parsed.tree(), List.of());
      }
    }
    unset.forEach(v -> warnings.accept("The \"" + v + "\" variable is not set. Defaulting to a blank string."));

    String name = ProjectName.resolve(options.projectName(), environment.get("COMPOSE_PROJECT_NAME"),
        Tree.str(merged.get("name")), projectDir);
    ModelBuilder builder = new ModelBuilder(name, lookup);
    Map<String, Service> all = builder.services(merged);
    boolean anyDefault = all.values().stream().anyMatch(s -> s.networks().containsKey("default"));
    Map<String, Network> networks = builder.networks(merged, anyDefault);
    Map<String, Volume> volumes = builder.volumes(merged);
    Map<String, Secret> secrets = builder.secrets(merged);
    Map<String, Config> configs = builder.configs(merged);
    SemanticChecks.check(all, networks, volumes, secrets, configs);

    List<String> profiles = options.profiles();
    if (profiles.isEmpty() && environment.get("COMPOSE_PROFILES") != null) {
      profiles = Arrays.stream(environment.get("COMPOSE_PROFILES").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
    Map<String, Service> active = Profiles.active(all, profiles, options.services());
    boolean declaredDefault = merged.get("networks") instanceof Map<?, ?> nm && nm.containsKey("default");
    if (!declaredDefault && active.values().stream().noneMatch(s -> s.networks().containsKey("default"))) {
      // the implicit default network exists only for the active services that use it
      networks = new LinkedHashMap<>(networks);
      networks.remove("default");
    }
    Map<String, Service> disabled = new LinkedHashMap<>(all);
    disabled.keySet().removeAll(active.keySet());

    Map<String, Object> extensions = new LinkedHashMap<>();
    merged.forEach((k, v) -> {
      if (k.startsWith("x-")) extensions.put(k, v);
    });
    return new Project(name, projectDir, files, active, disabled, networks, volumes, secrets, configs, environment, extensions);
  }

  /** The files to load, absolute ({@code "-"} kept). */
  static List<String> findFiles(LoadOptions options, Consumer<String> warnings) {
    Path cwd = options.workingDir();
    List<String> named = options.files();
    if (named.isEmpty() && options.environment().get("COMPOSE_FILE") != null) {
      String sep = options.environment().getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
      named = Arrays.stream(options.environment().get("COMPOSE_FILE").split(java.util.regex.Pattern.quote(sep)))
          .filter(s -> !s.isEmpty()).toList();
    }
    List<String> out = new ArrayList<>();
    if (!named.isEmpty()) {
      for (String f : named) {
        if (f.equals("-")) {
          if (options.stdin() == null) throw new ComposeFileException("-f -: no standard input given");
          out.add("-");
          continue;
        }
        Path p = cwd.resolve(f).normalize();
        if (!Files.isRegularFile(p)) throw new ComposeFileException("open " + p + ": no such file or directory");
        out.add(p.toString());
      }
      return out;
    }
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      for (String candidate : DEFAULT_FILES) {
        Path p = dir.resolve(candidate);
        if (Files.isRegularFile(p)) {
          out.add(p.toString());
          List<String> others = DEFAULT_FILES.stream().filter(o -> !o.equals(candidate) && Files.isRegularFile(p.resolveSibling(o))).toList();
          if (!others.isEmpty()) {
            warnings.accept("Found multiple config files with supported names: " + candidate + ", " + String.join(", ", others)
                + "; using " + candidate);
          }
          for (String o : DEFAULT_OVERRIDES) {
            Path op = dir.resolve(o);
            if (Files.isRegularFile(op)) {
              out.add(op.toString());
              break;
            }
          }
          return out;
        }
      }
    }
    throw new ComposeFileException(
        "no configuration file provided: not found (looked for " + String.join(", ", DEFAULT_FILES) + " in " + cwd + " and its parents)");
  }

  /** {@code .env} (or the {@code --env-file}s) overlaid by the caller's environment. */
  private static Map<String, String> environment(LoadOptions options, Path projectDir) {
    Map<String, String> given = options.environment();
    Map<String, String> env = new HashMap<>();
    List<Path> envFiles = options.envFiles().stream().map(p -> options.workingDir().resolve(p).normalize()).toList();
    if (envFiles.isEmpty()) {
      Path dot = projectDir.resolve(".env");
      if (Files.isRegularFile(dot)) envFiles = List.of(dot);
    } else {
      for (Path p : envFiles) if (!Files.isRegularFile(p)) throw new ComposeFileException("couldn't find env file: " + p);
    }
    for (Path p : envFiles) {
      Map<String, String> values = EnvFile.read(p, k -> given.containsKey(k) ? given.get(k) : env.get(k));
      values.forEach((k, v) -> {
        if (v != null) env.put(k, v);
      });
    }
    env.putAll(given);
    return env;
  }

  /** One file's canonical tree and its merge tags. */
  record ParsedFile(Map<String, Object> tree, MergeTags tags) {}

  /** Reads another file (an {@code extends: file:}), relative paths against its own directory. */
  interface FileReader {
    ParsedFile read(Path file);
  }

  /** One file, parsed, interpolated, validated and canonicalised. */
  static ParsedFile readFile(String file, LoadOptions options /* null unless file is "-" */, Function<String, String> lookup,
      Path baseDir, String home, Consumer<String> onUnset, Consumer<String> warnings) {
    String text;
    if (file.equals("-")) {
      text = new String(options.stdin(), StandardCharsets.UTF_8);
    } else {
      try {
        text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ComposeFileException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return parse(text, file.equals("-") ? "(stdin)" : file, lookup, baseDir, home, onUnset, warnings);
  }

  static ParsedFile parse(String text, String where, Function<String, String> lookup, Path baseDir, String home,
      Consumer<String> onUnset, Consumer<String> warnings) {
    MergeTags tags = new MergeTags();
    Map<String, Object> tree = YamlReader.read(text, where, tags);
    if (tree.get("services") instanceof Map<?, ?> services) {
      // an empty service entry ("web:") is an empty mapping, as in docker compose
      Tree.map(services).replaceAll((k, v) -> v == null ? new LinkedHashMap<String, Object>() : v);
    }
    new Interpolator(lookup, onUnset).interpolateTree(tree, where);
    if (tree.containsKey("version")) {
      warnings.accept(where + ": the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion");
    }
    SchemaValidator.compose().validate(tree, where);
    new Canonicalizer(baseDir, home).canonicalize(tree);
    return new ParsedFile(tree, tags);
  }
}
