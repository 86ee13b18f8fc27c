package berth.compose.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Top-level {@code include}: each entry is loaded as a project of its own (its own directory for
 * relative paths, its own {@code .env} under the caller's environment) and its services, networks,
 * volumes, secrets and configs are added to the including file. Defining the same resource twice
 * is an error, as in docker compose.
 */
final class Includes {
  private final Map<String, String> given;
  private final String home;

  private final java.util.function.Consumer<String> onUnset;
  private final java.util.function.Consumer<String> warnings;

  Includes(Map<String, String> given, String home, java.util.function.Consumer<String> onUnset,
      java.util.function.Consumer<String> warnings) {
    this.onUnset = onUnset;
    this.warnings = warnings;
    this.given = given;
    this.home = home;
  }

  /** Replaces {@code include} in {@code tree} by the resources it imports. */
  void apply(Map<String, Object> tree, String where, Path baseDir, List<String> stack) {
    Object inc = tree.remove("include");
    if (!(inc instanceof List<?> entries)) return;
    for (int i = 0; i < entries.size(); i++) {
      Object e = entries.get(i);
      String path = "include[" + i + "]";
      Map<String, Object> m = e instanceof Map<?, ?> em ? Tree.map(em) : Map.of("path", e);
      List<String> paths = new ArrayList<>();
      Object p = m.get("path");
      if (p instanceof List<?> pl) pl.forEach(x -> paths.add(Tree.str(x)));
      else paths.add(Tree.str(p));
      List<Path> files = paths.stream().map(x -> baseDir.resolve(x).normalize()).toList();
      Path projectDir = m.get("project_directory") != null
          ? baseDir.resolve(Tree.str(m.get("project_directory"))).normalize()
          : files.getFirst().getParent();
      Map<String, String> env = environment(m.get("env_file"), baseDir, projectDir, where + ": " + path);
      Function<String, String> lookup = env::get;
      Map<String, Object> imported = null;
      for (Path file : files) {
        if (stack.contains(file.toString())) {
          throw new ComposeFileException(where + ": " + path + ": include cycle through " + file);
        }
        if (!Files.isRegularFile(file)) throw new ComposeFileException(where + ": " + path + ": " + file + " not found");
        ComposeLoader.ParsedFile parsed = ComposeLoader.readFile(file.toString(), null, lookup, projectDir, home, onUnset, warnings);
        Map<String, Object> t = parsed.tree();
        List<String> inner = new ArrayList<>(stack);
        inner.add(file.toString());
        apply(t, file.toString(), projectDir, inner);
        new Extends(other -> ComposeLoader.readFile(other.toString(), null, lookup, other.getParent(), home, onUnset, warnings))
            .resolveAll(parsed, file.toString());
        if (imported == null) {
          imported = t;
        } else {
          Merger.mergeFile(imported, t);
          parsed.tags().applyTo(imported, t, List.of());
        }
      }
      for (String kind : List.of("services", "networks", "volumes", "secrets", "configs")) {
        if (!(imported.get(kind) instanceof Map<?, ?> defs)) continue;
        Map<String, Object> target = Tree.mapAt(tree, kind);
        for (Map.Entry<String, Object> d : Tree.map(defs).entrySet()) {
          if (target.containsKey(d.getKey()) && !target.get(d.getKey()).equals(d.getValue())) {
            throw new ComposeFileException(
                where + ": " + path + ": imported compose file " + files.getFirst() + " defines conflicting " + kind + " \"" + d.getKey() + "\"");
          }
          target.put(d.getKey(), d.getValue());
        }
      }
    }
  }

  private Map<String, String> environment(Object envFiles, Path baseDir, Path projectDir, String where) {
    List<Path> files = new ArrayList<>();
    if (envFiles instanceof List<?> l) l.forEach(x -> files.add(baseDir.resolve(Tree.str(x)).normalize()));
    else if (envFiles != null) files.add(baseDir.resolve(Tree.str(envFiles)).normalize());
    else if (Files.isRegularFile(projectDir.resolve(".env"))) files.add(projectDir.resolve(".env"));
    Map<String, String> env = new HashMap<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) throw new ComposeFileException(where + ": env file " + f + " not found");
      EnvFile.read(f, k -> given.containsKey(k) ? given.get(k) : env.get(k)).forEach((k, v) -> {
        if (v != null) env.put(k, v);
      });
    }
    env.putAll(given);
    return env;
  }
}
