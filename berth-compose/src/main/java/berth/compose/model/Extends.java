package berth.compose.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@code extends} within one file, as docker compose does before merging files: the base
 * service (same file, or {@code file:}) is resolved first, then the extending service is merged
 * over a copy of it with the usual merge rules and its {@code !reset}/{@code !override} tags. Relative
 * paths in another file were made absolute against that file's directory when it was read.
 */
final class Extends {
  private final ComposeLoader.FileReader reader;
  private final Map<String, ComposeLoader.ParsedFile> otherFiles = new HashMap<>();

  Extends(ComposeLoader.FileReader reader) {
    this.reader = reader;
  }

  void resolveAll(ComposeLoader.ParsedFile file, String name) {
    if (!(file.tree().get("services") instanceof Map<?, ?> services)) return;
    for (String service : new ArrayList<>(Tree.map(services).keySet())) resolve(name, file, service, new ArrayList<>());
  }

  private Map<String, Object> resolve(String fileName, ComposeLoader.ParsedFile file, String name, List<String> stack) {
    String key = fileName + "#" + name;
    if (stack.contains(key)) {
      List<String> chain = new ArrayList<>();
      for (String s : stack.subList(stack.indexOf(key), stack.size())) chain.add(serviceOf(s));
      chain.add(name);
      throw new ComposeFileException(
          "services." + serviceOf(stack.getLast()) + ".extends: circular reference: " + String.join(" -> ", chain));
    }
    Map<String, Object> services = Tree.map(file.tree().getOrDefault("services", new LinkedHashMap<String, Object>()));
    if (!(services.get(name) instanceof Map<?, ?> vm)) {
      String from = stack.isEmpty() ? "" : "services." + serviceOf(stack.getLast()) + ".extends: ";
      throw new ComposeFileException(from + "cannot extend service \"" + name + "\" in " + fileName + ": service not found");
    }
    Map<String, Object> svc = Tree.map(vm);
    if (!(svc.get("extends") instanceof Map<?, ?> ext)) return svc;
    stack.add(key);
    String baseFile = Tree.str(Tree.map(ext).get("file"));
    String baseName = Tree.str(Tree.map(ext).get("service"));
    Map<String, Object> base = baseFile == null
        ? resolve(fileName, file, baseName, stack)
        : resolve(baseFile, otherFiles.computeIfAbsent(baseFile, f -> reader.read(Path.of(f))), baseName, stack);
    stack.removeLast();
    Map<String, Object> result = Tree.map(Tree.copy(base));
    result.remove("extends");
    Map<String, Object> own = new LinkedHashMap<>(svc);
    own.remove("extends");
    Merger.mergeService(result, own);
    file.tags().applyTo(result, own, List.of("services", name));
    services.put(name, result);
    return result;
  }

  private static String serviceOf(String key) {
    return key.substring(key.indexOf('#') + 1);
  }
}
