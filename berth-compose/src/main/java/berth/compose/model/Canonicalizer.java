package berth.compose.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites one validated file's tree into long forms, in place, so that files can be merged key by
 * key: list-or-map fields become maps, short ports/volumes/depends_on/secrets become long maps,
 * strings that stand for lists become lists, and relative paths become absolute against {@code
 * baseDir}.
 */
final class Canonicalizer {
  private final Path baseDir;
  private final String home;

  Canonicalizer(Path baseDir, String home) {
    this.baseDir = baseDir;
    this.home = home;
  }

  void canonicalize(Map<String, Object> file) {
    if (file.get("services") instanceof Map<?, ?> services) {
      for (Map.Entry<String, Object> e : Tree.map(services).entrySet()) {
        if (e.getValue() == null) e.setValue(new LinkedHashMap<String, Object>());
        service(Tree.map(e.getValue()), "services." + e.getKey());
      }
    }
    for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
      if (!(file.get(kind) instanceof Map<?, ?> defs)) continue;
      for (Map.Entry<String, Object> e : Tree.map(defs).entrySet()) {
        if (e.getValue() == null) e.setValue(new LinkedHashMap<String, Object>());
        Map<String, Object> d = Tree.map(e.getValue());
        toMap(d, "labels");
        if (d.get("file") instanceof String f) d.put("file", path(f));
        if (d.get("external") instanceof Map<?, ?> ext) {
          // legacy form external: {name: x}
          Object name = Tree.map(ext).get("name");
          d.put("external", true);
          if (name != null && !d.containsKey("name")) d.put("name", name);
        }
      }
    }
  }

  private void service(Map<String, Object> s, String path) {
    Object build = s.get("build");
    if (build instanceof String ctx) {
      build = new LinkedHashMap<String, Object>(Map.of("context", ctx));
      s.put("build", build);
    }
    if (build instanceof Map<?, ?> b) {
      Map<String, Object> bm = Tree.map(b);
      Object ctx = bm.getOrDefault("context", ".");
      bm.put("context", isRemote(Tree.str(ctx)) ? Tree.str(ctx) : path(Tree.str(ctx)));
      toMap(bm, "args");
      toMap(bm, "labels");
      toMap(bm, "additional_contexts");
      extraHosts(bm);
    }
    for (String k : List.of("command", "entrypoint")) {
      if (s.containsKey(k) && s.get(k) == null) s.remove(k);
      if (s.get(k) instanceof String str) s.put(k, new ArrayList<Object>(ShellWords.split(str, path + "." + k)));
    }
    toMap(s, "environment");
    toMap(s, "labels");
    toMap(s, "annotations");
    toMap(s, "sysctls");
    extraHosts(s);
    if (s.get("env_file") != null) {
      List<Object> files = new ArrayList<>();
      for (Object f : asList(s.get("env_file"))) {
        Map<String, Object> m = f instanceof Map<?, ?> fm ? Tree.map(fm) : new LinkedHashMap<>(Map.of("path", f));
        m.put("path", path(Tree.str(m.get("path"))));
        m.putIfAbsent("required", true);
        files.add(m);
      }
      s.put("env_file", files);
    }
    for (String k : List.of("dns", "dns_search", "tmpfs", "dns_opt", "profiles")) {
      if (s.get(k) instanceof String str) s.put(k, new ArrayList<Object>(List.of(str)));
    }
    if (s.get("ports") instanceof List<?> ports) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        Object p = ports.get(i);
        String pp = path + ".ports[" + i + "]";
        if (p instanceof Map<?, ?> pm) {
          Map<String, Object> m = new LinkedHashMap<>(Tree.map(pm));
          m.put("target", portNumber(m.get("target"), pp + ".target"));
          if (m.get("published") != null) m.put("published", Tree.str(m.get("published")));
          out.add(m);
        } else {
          out.addAll(PortSyntax.parse(Tree.str(p), pp));
        }
      }
      s.put("ports", out);
    }
    if (s.get("expose") instanceof List<?> ex) {
      List<Object> out = new ArrayList<>();
      ex.forEach(x -> out.add(Tree.str(x)));
      s.put("expose", out);
    }
    if (s.get("volumes") instanceof List<?> vols) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < vols.size(); i++) {
        Object v = vols.get(i);
        Map<String, Object> m =
            v instanceof Map<?, ?> vm ? Tree.map(vm) : VolumeSyntax.parse(Tree.str(v), path + ".volumes[" + i + "]");
        if ("bind".equals(m.get("type")) && m.get("source") instanceof String src) m.put("source", path(src));
        out.add(m);
      }
      s.put("volumes", out);
    }
    if (s.get("networks") instanceof List<?> nets) {
      Map<String, Object> m = new LinkedHashMap<>();
      nets.forEach(n -> m.put(Tree.str(n), new LinkedHashMap<String, Object>()));
      s.put("networks", m);
    } else if (s.get("networks") instanceof Map<?, ?> nets) {
      Tree.map(nets).replaceAll((k, v) -> v == null ? new LinkedHashMap<String, Object>() : v);
    }
    if (s.get("depends_on") != null) {
      Map<String, Object> deps = new LinkedHashMap<>();
      if (s.get("depends_on") instanceof List<?> l) {
        l.forEach(d -> deps.put(Tree.str(d), new LinkedHashMap<String, Object>()));
      } else {
        Tree.map(s.get("depends_on")).forEach((k, v) -> deps.put(k, v == null ? new LinkedHashMap<String, Object>() : v));
      }
      deps.values().forEach(v -> {
        Map<String, Object> d = Tree.map(v);
        d.putIfAbsent("condition", DependsOn.STARTED);
        d.putIfAbsent("required", true);
      });
      s.put("depends_on", deps);
    }
    if (s.get("healthcheck") instanceof Map<?, ?> hc && Tree.map(hc).get("test") instanceof String t) {
      Tree.map(hc).put("test", new ArrayList<Object>(List.of("CMD-SHELL", t)));
    }
    for (String k : List.of("secrets", "configs")) {
      if (!(s.get(k) instanceof List<?> refs)) continue;
      List<Object> out = new ArrayList<>();
      refs.forEach(r -> out.add(r instanceof Map<?, ?> ? r : new LinkedHashMap<String, Object>(Map.of("source", r))));
      s.put(k, out);
    }
    if (s.get("ulimits") instanceof Map<?, ?> ul) {
      Tree.map(ul).replaceAll((k, v) -> v instanceof Map<?, ?> ? v : new LinkedHashMap<String, Object>(Map.of("soft", v, "hard", v)));
    }
    if (s.get("devices") instanceof List<?> devs) {
      List<Object> out = new ArrayList<>();
      for (Object d : devs) {
        if (d instanceof Map<?, ?> dm) {
          Map<String, Object> m = Tree.map(dm);
          String src = Tree.str(m.get("source"));
          String tgt = m.get("target") == null ? src : Tree.str(m.get("target"));
          String perm = m.get("permissions") == null ? "rwm" : Tree.str(m.get("permissions"));
          out.add(src + ":" + tgt + ":" + perm);
        } else {
          out.add(Tree.str(d));
        }
      }
      s.put("devices", out);
    }
    if (s.get("logging") instanceof Map<?, ?> lg) toMap(Tree.map(lg), "options");
    if (s.get("deploy") instanceof Map<?, ?> dep) toMap(Tree.map(dep), "labels");
    if (s.get("extends") instanceof String base) {
      s.put("extends", new LinkedHashMap<String, Object>(Map.of("service", base)));
    }
    if (s.get("extends") instanceof Map<?, ?> ext && Tree.map(ext).get("file") instanceof String f) {
      Tree.map(ext).put("file", path(f));
    }
  }

  private static long portNumber(Object v, String path) {
    try {
      long port = Long.parseLong(String.valueOf(v).strip());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ComposeFileException(path + ": invalid port \"" + v + "\": expected a number from 0 to 65535");
  }

  /** {@code ["A=1", "B"]} or {@code {A: 1, B: null}} → ordered map of strings (null = no value). */
  static void toMap(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) return;
    Map<String, Object> out = new LinkedHashMap<>();
    if (v instanceof List<?> l) {
      for (Object item : l) {
        String s = Tree.str(item);
        int eq = s.indexOf('=');
        if (eq < 0) out.put(s, null);
        else out.put(s.substring(0, eq), s.substring(eq + 1));
      }
    } else {
      Tree.map(v).forEach((k, x) -> out.put(k, x instanceof Map || x instanceof List ? x : Tree.str(x)));
    }
    m.put(key, out);
  }

  /** extra_hosts as host → list of addresses, from {@code ["h:ip", "h=ip"]} or {@code {h: ip|[ip]}}. */
  private static void extraHosts(Map<String, Object> m) {
    Object v = m.get("extra_hosts");
    if (v == null) return;
    Map<String, Object> out = new LinkedHashMap<>();
    if (v instanceof List<?> l) {
      for (Object item : l) {
        String s = Tree.str(item);
        int sep = s.indexOf('=');
        if (sep < 0) sep = s.indexOf(':');
        String host = sep < 0 ? s : s.substring(0, sep);
        String ip = sep < 0 ? "" : s.substring(sep + 1);
        if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
        Tree.list(out.computeIfAbsent(host, k -> new ArrayList<Object>())).add(ip);
      }
    } else {
      Tree.map(v).forEach((host, ips) -> {
        List<Object> list = new ArrayList<>();
        if (ips instanceof List<?> il) il.forEach(x -> list.add(Tree.str(x)));
        else list.add(Tree.str(ips));
        out.put(host, list);
      });
    }
    m.put("extra_hosts", out);
  }

  private static List<?> asList(Object o) {
    return o instanceof List<?> l ? l : List.of(o);
  }

  static boolean isRemote(String ctx) {
    return ctx.contains("://") || ctx.startsWith("git@") || ctx.startsWith("github.com/");
  }

  /** A host path made absolute: {@code ~} expanded, relative to the base directory, normalised. */
  String path(String p) {
    if (p.equals("~")) p = home;
    else if (p.startsWith("~/")) p = home + p.substring(1);
    return baseDir.resolve(p).normalize().toString();
  }
}
