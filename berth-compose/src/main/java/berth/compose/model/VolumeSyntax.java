package berth.compose.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The short volume syntax {@code [source:]target[:mode,...]} to a long-form map. */
final class VolumeSyntax {
  private VolumeSyntax() {}

  private static final Set<String> PROPAGATION = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");

  static Map<String, Object> parse(String spec, String path) {
    String[] parts = spec.split(":", -1);
    Map<String, Object> m = new LinkedHashMap<>();
    if (parts.length == 1) {
      m.put("type", "volume");
      m.put("target", parts[0]);
      return m;
    }
    if (parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new ComposeFileException(path + ": invalid volume \"" + spec + "\": expected [source:]target[:mode]");
    }
    String source = parts[0];
    boolean bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    m.put("type", bind ? "bind" : "volume");
    m.put("source", source);
    m.put("target", parts[1]);
    Map<String, Object> bindOpts = new LinkedHashMap<>();
    Map<String, Object> volumeOpts = new LinkedHashMap<>();
    if (parts.length == 3) {
      for (String opt : parts[2].split(",")) {
        switch (opt) {
          case "ro" -> m.put("read_only", true);
          case "rw" -> {}
          case "z", "Z" -> bindOpts.put("selinux", opt);
          case "nocopy" -> volumeOpts.put("nocopy", true);
          case "consistent", "cached", "delegated" -> m.put("consistency", opt);
          default -> {
            if (!PROPAGATION.contains(opt)) {
              throw new ComposeFileException(path + ": invalid volume \"" + spec + "\": unknown mode \"" + opt + "\"");
            }
            bindOpts.put("propagation", opt);
          }
        }
      }
    }
    if (bind) {
      bindOpts.put("create_host_path", true);
      m.put("bind", bindOpts);
    } else if (!bindOpts.isEmpty()) {
      throw new ComposeFileException(path + ": invalid volume \"" + spec + "\": bind options on a named volume");
    }
    if (!volumeOpts.isEmpty()) m.put("volume", volumeOpts);
    return m;
  }
}
