package berth.compose.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the schema cannot say: references to undefined things, dependency cycles, conflicting fields. */
final class SemanticChecks {
  private SemanticChecks() {}

  static void check(Map<String, Service> services, Map<String, Network> networks, Map<String, Volume> volumes,
      Map<String, Secret> secrets, Map<String, Config> configs) {
    for (Service s : services.values()) {
      String who = "service \"" + s.name() + "\"";
      if (s.image() == null && s.build() == null) {
        throw new ComposeFileException(who + " has neither an image nor a build context specified");
      }
      s.dependsOn().forEach((dep, d) -> {
        if (!services.containsKey(dep) && d.required()) {
          throw new ComposeFileException(who + " depends on undefined service \"" + dep + "\"");
        }
      });
      for (String net : s.networks().keySet()) {
        if (!networks.containsKey(net)) throw new ComposeFileException(who + " refers to undefined network \"" + net + "\"");
      }
      if (s.networkMode() != null && !s.networks().isEmpty()) {
        throw new ComposeFileException(who + " declares network_mode \"" + s.networkMode() + "\" and networks: they are mutually exclusive");
      }
      if (s.networkMode() != null && s.networkMode().startsWith("service:")) {
        String target = s.networkMode().substring("service:".length());
        if (!services.containsKey(target)) {
          throw new ComposeFileException(who + " network_mode refers to undefined service \"" + target + "\"");
        }
      }
      for (ServiceVolume v : s.volumes()) {
        if ("volume".equals(v.type()) && v.source() != null && !volumes.containsKey(v.source())) {
          throw new ComposeFileException(
              who + " refers to undefined volume \"" + v.source() + "\": a volume source must be a path (./x, /x, ~/x) or a volume defined under the top-level volumes");
        }
        if ("bind".equals(v.type()) && (v.source() == null || v.source().isEmpty())) {
          throw new ComposeFileException(who + " has a bind mount on " + v.target() + " without a source path");
        }
        if (v.target() == null || v.target().isEmpty()) {
          throw new ComposeFileException(who + " has a volume without a target");
        }
      }
      for (ServiceFileRef r : s.secrets()) {
        if (!secrets.containsKey(r.source())) throw new ComposeFileException(who + " refers to undefined secret \"" + r.source() + "\"");
      }
      for (ServiceFileRef r : s.configs()) {
        if (!configs.containsKey(r.source())) throw new ComposeFileException(who + " refers to undefined config \"" + r.source() + "\"");
      }
      for (String from : s.volumesFrom()) {
        String ref = from.split(":")[0];
        if (!ref.startsWith("container") && !services.containsKey(ref)) {
          throw new ComposeFileException(who + " volumes_from refers to undefined service \"" + ref + "\"");
        }
      }
      if (s.scale() != null && s.deploy() != null && s.deploy().replicas() != null && !s.scale().equals(s.deploy().replicas())) {
        throw new ComposeFileException(who + ": scale (" + s.scale() + ") and deploy.replicas (" + s.deploy().replicas() + ") differ");
      }
    }
    networks.forEach((key, n) -> {
      if (n.external() && (n.driver() != null || !n.driverOpts().isEmpty() || n.ipam() != null)) {
        throw new ComposeFileException("networks." + key + ": conflicting parameters \"external\" and \"driver\"/\"ipam\" specified");
      }
    });
    volumes.forEach((key, v) -> {
      if (v.external() && (v.driver() != null || !v.driverOpts().isEmpty())) {
        throw new ComposeFileException("volumes." + key + ": conflicting parameters \"external\" and \"driver\" specified");
      }
    });
    checkCycles(services);
  }

  private static void checkCycles(Map<String, Service> services) {
    Set<String> done = new HashSet<>();
    for (String name : services.keySet()) visit(name, services, done, new ArrayList<>());
  }

  private static void visit(String name, Map<String, Service> services, Set<String> done, List<String> stack) {
    if (done.contains(name)) return;
    int at = stack.indexOf(name);
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
      cycle.add(name);
      throw new ComposeFileException("dependency cycle detected: " + String.join(" -> ", cycle));
    }
    Service s = services.get(name);
    if (s == null) return;
    stack.add(name);
    for (String dep : s.dependsOn().keySet()) visit(dep, services, done, stack);
    stack.removeLast();
    done.add(name);
  }
}
