package berth.compose.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders a resolved project as {@code docker compose config} does: top-level {@code name},
 * {@code services}, {@code networks}, {@code volumes}, {@code secrets}, {@code configs}; service keys
 * in alphabetical order; everything in long form; durations in Go syntax ({@code 1m30s}), sizes in
 * bytes, paths absolute. The output is a valid compose file that loads back to the same model.
 */
public final class ProjectPrinter {
  private ProjectPrinter() {}

  /** YAML, canonical key order, long forms. */
  public static String yaml(Project project) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setIndicatorIndent(2);
    o.setIndentWithIndicator(true);
    o.setWidth(Integer.MAX_VALUE);
    o.setSplitLines(false);
    return new Yaml(o).dump(escaped(tree(project)));
  }

  /** The same, as JSON. */
  public static String json(Project project) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(escaped(tree(project))) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Output is a compose file again, so a literal {@code $} in a value is written {@code $$} (as
   * docker compose config does); otherwise loading it would interpolate a second time.
   */
  private static Object escaped(Object node) {
    if (node instanceof String s) return s.replace("$", "$$");
    if (node instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(k, escaped(v)));
      return out;
    }
    if (node instanceof List<?> l) return l.stream().map(ProjectPrinter::escaped).toList();
    return node;
  }

  /** The whole project as an ordered tree of maps, lists and scalars. */
  public static Map<String, Object> tree(Project p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", p.name());
    Map<String, Object> services = new LinkedHashMap<>();
    p.services().forEach((k, s) -> services.put(k, service(s)));
    out.put("services", services);
    putIfNotEmpty(out, "networks", mapValues(p.networks(), ProjectPrinter::network));
    putIfNotEmpty(out, "volumes", mapValues(p.volumes(), ProjectPrinter::volume));
    putIfNotEmpty(out, "secrets", mapValues(p.secrets(), s -> fileObject(s.name(), s.file(), s.environment(), s.content(), s.external(), s.labels())));
    putIfNotEmpty(out, "configs", mapValues(p.configs(), c -> fileObject(c.name(), c.file(), c.environment(), c.content(), c.external(), c.labels())));
    out.putAll(p.extensions());
    return out;
  }

  /** One service as an ordered tree (alphabetical keys), as in {@code config}'s output. */
  public static Map<String, Object> service(Service s) {
    Map<String, Object> m = new TreeMap<>();
    putIfNotEmpty(m, "annotations", s.annotations());
    if (s.build() != null) m.put("build", build(s.build()));
    putIfNotEmpty(m, "cap_add", s.capAdd());
    putIfNotEmpty(m, "cap_drop", s.capDrop());
    put(m, "cgroup", s.cgroup());
    put(m, "cgroup_parent", s.cgroupParent());
    if (s.command() != null) m.put("command", s.command());
    putIfNotEmpty(m, "configs", fileRefs(s.configs()));
    put(m, "container_name", s.containerName());
    put(m, "cpu_shares", s.cpuShares());
    put(m, "cpus", s.cpus());
    put(m, "cpuset", s.cpuset());
    if (!s.dependsOn().isEmpty()) {
      Map<String, Object> deps = new LinkedHashMap<>();
      s.dependsOn().forEach((k, d) -> {
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("condition", d.condition());
        dm.put("required", d.required());
        if (d.restart()) dm.put("restart", true);
        deps.put(k, dm);
      });
      m.put("depends_on", deps);
    }
    if (s.deploy() != null) m.put("deploy", deploy(s.deploy()));
    putIfNotEmpty(m, "devices", s.devices());
    putIfNotEmpty(m, "dns", s.dns());
    putIfNotEmpty(m, "dns_opt", s.dnsOpt());
    putIfNotEmpty(m, "dns_search", s.dnsSearch());
    put(m, "domainname", s.domainname());
    if (s.entrypoint() != null) m.put("entrypoint", s.entrypoint());
    putIfNotEmpty(m, "environment", s.environment());
    putIfNotEmpty(m, "expose", s.expose());
    putIfNotEmpty(m, "external_links", s.externalLinks());
    putIfNotEmpty(m, "extra_hosts", hostEntries(s.extraHosts()));
    putIfNotEmpty(m, "group_add", s.groupAdd());
    if (s.healthcheck() != null) {
      Healthcheck h = s.healthcheck();
      Map<String, Object> hm = new LinkedHashMap<>();
      put(hm, "test", h.test());
      put(hm, "interval", duration(h.interval()));
      put(hm, "timeout", duration(h.timeout()));
      put(hm, "start_period", duration(h.startPeriod()));
      put(hm, "start_interval", duration(h.startInterval()));
      put(hm, "retries", h.retries());
      if (h.disable()) hm.put("disable", true);
      m.put("healthcheck", hm);
    }
    put(m, "hostname", s.hostname());
    put(m, "image", s.image());
    put(m, "init", s.init());
    put(m, "ipc", s.ipc());
    putIfNotEmpty(m, "labels", s.labels());
    putIfNotEmpty(m, "links", s.links());
    if (s.logging() != null) {
      Map<String, Object> lm = new LinkedHashMap<>();
      put(lm, "driver", s.logging().driver());
      putIfNotEmpty(lm, "options", s.logging().options());
      m.put("logging", lm);
    }
    put(m, "mac_address", s.macAddress());
    put(m, "mem_limit", s.memLimit());
    put(m, "mem_reservation", s.memReservation());
    put(m, "memswap_limit", s.memswapLimit());
    put(m, "network_mode", s.networkMode());
    if (!s.networks().isEmpty()) {
      Map<String, Object> nets = new LinkedHashMap<>();
      s.networks().forEach((k, n) -> nets.put(k, serviceNetwork(n)));
      m.put("networks", nets);
    }
    put(m, "oom_score_adj", s.oomScoreAdj());
    put(m, "pid", s.pid());
    put(m, "pids_limit", s.pidsLimit());
    put(m, "platform", s.platform());
    if (!s.ports().isEmpty()) {
      List<Object> ports = new ArrayList<>();
      for (PortConfig p : s.ports()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        put(pm, "name", p.name());
        pm.put("mode", p.mode());
        put(pm, "host_ip", p.hostIp());
        pm.put("target", p.target());
        put(pm, "published", p.published());
        pm.put("protocol", p.protocol());
        put(pm, "app_protocol", p.appProtocol());
        ports.add(pm);
      }
      m.put("ports", ports);
    }
    if (s.privileged()) m.put("privileged", true);
    putIfNotEmpty(m, "profiles", s.profiles());
    put(m, "pull_policy", s.pullPolicy());
    if (s.readOnly()) m.put("read_only", true);
    put(m, "restart", s.restart());
    put(m, "runtime", s.runtime());
    put(m, "scale", s.scale());
    putIfNotEmpty(m, "secrets", fileRefs(s.secrets()));
    putIfNotEmpty(m, "security_opt", s.securityOpt());
    put(m, "shm_size", s.shmSize());
    if (s.stdinOpen()) m.put("stdin_open", true);
    put(m, "stop_grace_period", duration(s.stopGracePeriod()));
    put(m, "stop_signal", s.stopSignal());
    putIfNotEmpty(m, "sysctls", s.sysctls());
    putIfNotEmpty(m, "tmpfs", s.tmpfs());
    if (s.tty()) m.put("tty", true);
    if (!s.ulimits().isEmpty()) {
      Map<String, Object> ul = new LinkedHashMap<>();
      s.ulimits().forEach((k, u) -> ul.put(k, new LinkedHashMap<>(Map.of("soft", u.soft(), "hard", u.hard()))));
      m.put("ulimits", ul);
    }
    put(m, "user", s.user());
    put(m, "userns_mode", s.usernsMode());
    put(m, "uts", s.uts());
    if (!s.volumes().isEmpty()) {
      List<Object> vols = new ArrayList<>();
      s.volumes().forEach(v -> vols.add(volumeMount(v)));
      m.put("volumes", vols);
    }
    putIfNotEmpty(m, "volumes_from", s.volumesFrom());
    put(m, "working_dir", s.workingDir());
    m.putAll(s.other());
    return new LinkedHashMap<>(m);
  }

  private static Map<String, Object> build(BuildConfig b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("context", b.context());
    put(m, "dockerfile", b.dockerfile());
    put(m, "dockerfile_inline", b.dockerfileInline());
    putIfNotEmpty(m, "args", b.args());
    put(m, "target", b.target());
    putIfNotEmpty(m, "labels", b.labels());
    putIfNotEmpty(m, "cache_from", b.cacheFrom());
    putIfNotEmpty(m, "cache_to", b.cacheTo());
    put(m, "network", b.network());
    putIfNotEmpty(m, "extra_hosts", hostEntries(b.extraHosts()));
    put(m, "shm_size", b.shmSize());
    if (b.noCache()) m.put("no_cache", true);
    if (b.pull()) m.put("pull", true);
    putIfNotEmpty(m, "platforms", b.platforms());
    putIfNotEmpty(m, "tags", b.tags());
    putIfNotEmpty(m, "additional_contexts", b.additionalContexts());
    m.putAll(b.other());
    return m;
  }

  private static Map<String, Object> deploy(Deploy d) {
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "mode", d.mode());
    put(m, "replicas", d.replicas());
    if (d.resources() != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      put(r, "limits", resourceSpec(d.resources().limits()));
      put(r, "reservations", resourceSpec(d.resources().reservations()));
      m.put("resources", r);
    }
    putIfNotEmpty(m, "restart_policy", d.restartPolicy());
    putIfNotEmpty(m, "labels", d.labels());
    m.putAll(d.other());
    return m;
  }

  private static Map<String, Object> resourceSpec(Deploy.ResourceSpec r) {
    if (r == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    put(m, "cpus", r.cpus());
    put(m, "memory", r.memory() == null ? null : r.memory().toString()); // the schema wants a string here
    put(m, "pids", r.pids());
    return m;
  }

  private static Object serviceNetwork(ServiceNetwork n) {
    if (n.equals(ServiceNetwork.EMPTY)) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    putIfNotEmpty(m, "aliases", n.aliases());
    put(m, "ipv4_address", n.ipv4Address());
    put(m, "ipv6_address", n.ipv6Address());
    putIfNotEmpty(m, "link_local_ips", n.linkLocalIps());
    put(m, "mac_address", n.macAddress());
    putIfNotEmpty(m, "driver_opts", n.driverOpts());
    put(m, "priority", n.priority());
    put(m, "gw_priority", n.gwPriority());
    return m;
  }

  private static Map<String, Object> volumeMount(ServiceVolume v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", v.type());
    put(m, "source", v.source());
    m.put("target", v.target());
    if (v.readOnly()) m.put("read_only", true);
    put(m, "consistency", v.consistency());
    if (v.bind() != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      put(b, "propagation", v.bind().propagation());
      put(b, "create_host_path", v.bind().createHostPath());
      put(b, "selinux", v.bind().selinux());
      m.put("bind", b);
    }
    if (v.volume() != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      if (v.volume().nocopy()) b.put("nocopy", true);
      put(b, "subpath", v.volume().subpath());
      m.put("volume", b);
    }
    if (v.tmpfs() != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      put(b, "size", v.tmpfs().size());
      put(b, "mode", v.tmpfs().mode());
      m.put("tmpfs", b);
    }
    return m;
  }

  private static List<Object> fileRefs(List<ServiceFileRef> refs) {
    List<Object> out = new ArrayList<>();
    for (ServiceFileRef r : refs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", r.source());
      put(m, "target", r.target());
      put(m, "uid", r.uid());
      put(m, "gid", r.gid());
      put(m, "mode", r.mode());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> network(Network n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    put(m, "driver", n.driver());
    putIfNotEmpty(m, "driver_opts", n.driverOpts());
    if (n.ipam() != null) {
      Map<String, Object> ipam = new LinkedHashMap<>();
      put(ipam, "driver", n.ipam().driver());
      if (!n.ipam().config().isEmpty()) {
        List<Object> pools = new ArrayList<>();
        for (Network.Pool p : n.ipam().config()) {
          Map<String, Object> pm = new LinkedHashMap<>();
          put(pm, "subnet", p.subnet());
          put(pm, "ip_range", p.ipRange());
          put(pm, "gateway", p.gateway());
          putIfNotEmpty(pm, "aux_addresses", p.auxAddresses());
          pools.add(pm);
        }
        ipam.put("config", pools);
      }
      putIfNotEmpty(ipam, "options", n.ipam().options());
      m.put("ipam", ipam);
    }
    if (n.internal()) m.put("internal", true);
    if (n.attachable()) m.put("attachable", true);
    put(m, "enable_ipv6", n.enableIpv6());
    putIfNotEmpty(m, "labels", n.labels());
    if (n.external()) m.put("external", true);
    return m;
  }

  private static Map<String, Object> volume(Volume v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    put(m, "driver", v.driver());
    putIfNotEmpty(m, "driver_opts", v.driverOpts());
    putIfNotEmpty(m, "labels", v.labels());
    if (v.external()) m.put("external", true);
    return m;
  }

  private static Map<String, Object> fileObject(String name, String file, String env, String content, boolean external, Map<String, String> labels) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    put(m, "file", file);
    put(m, "environment", env);
    put(m, "content", content);
    if (external) m.put("external", true);
    putIfNotEmpty(m, "labels", labels);
    return m;
  }

  private static List<String> hostEntries(Map<String, List<String>> hosts) {
    List<String> out = new ArrayList<>();
    hosts.forEach((h, ips) -> ips.forEach(ip -> out.add(h + "=" + ip)));
    return out;
  }

  private static String duration(Duration d) {
    return d == null ? null : Units.format(d);
  }

  private static <V> Map<String, Object> mapValues(Map<String, V> in, java.util.function.Function<V, Object> f) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, f.apply(v)));
    return out;
  }

  private static void put(Map<String, Object> m, String key, Object value) {
    if (value != null) m.put(key, value);
  }

  private static void putIfNotEmpty(Map<String, Object> m, String key, Object value) {
    if (value instanceof Map<?, ?> mv && mv.isEmpty()) return;
    if (value instanceof List<?> lv && lv.isEmpty()) return;
    put(m, key, value);
  }
}
