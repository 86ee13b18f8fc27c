package berth.compose.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns the merged, canonical tree into records: env files read, engine names given, defaults applied. */
final class ModelBuilder {
  private final String project;
  private final Function<String, String> env;

  ModelBuilder(String project, Function<String, String> env) {
    this.project = project;
    this.env = env;
  }

  Map<String, Service> services(Map<String, Object> tree) {
    Map<String, Service> out = new LinkedHashMap<>();
    Tree.map(tree.getOrDefault("services", Map.of())).forEach((name, v) -> out.put(name, service(name, new Node(Tree.map(v), "services." + name))));
    return out;
  }

  Service service(String name, Node n) {
    n.raw("extends");
    Map<String, String> environment = new LinkedHashMap<>();
    if (n.raw("env_file") instanceof List<?> files) {
      for (Object f : files) {
        Map<String, Object> fm = Tree.map(f);
        Path p = Path.of(Tree.str(fm.get("path")));
        boolean required = !Boolean.FALSE.equals(fm.get("required")) && !"false".equals(Tree.str(fm.get("required")));
        if (!Files.exists(p)) {
          if (required) throw new ComposeFileException("services." + name + ".env_file: env file " + p + " not found");
          continue;
        }
        environment.putAll(EnvFile.read(p, env));
      }
    }
    n.strMap("environment").forEach((k, v) -> environment.put(k, v == null ? env.apply(k) : v));

    Map<String, ServiceNetwork> networks = new LinkedHashMap<>();
    String networkMode = n.str("network_mode");
    if (n.raw("networks") instanceof Map<?, ?> nets) {
      Tree.map(nets).forEach((key, v) -> networks.put(key, serviceNetwork(new Node(Tree.map(v), n.path + ".networks." + key))));
    } else if (networkMode == null) {
      networks.put("default", ServiceNetwork.EMPTY);
    }

    Map<String, DependsOn> dependsOn = new LinkedHashMap<>();
    n.rawMap("depends_on").forEach((k, v) -> {
      Node d = new Node(Tree.map(v), n.path + ".depends_on." + k);
      Boolean required = d.boolOrNull("required");
      dependsOn.put(k, new DependsOn(d.str("condition"), d.bool("restart"), required == null || required));
    });

    Healthcheck healthcheck = null;
    Node hc = n.child("healthcheck");
    if (hc != null) {
      healthcheck = new Healthcheck(hc.strListOrNull("test"), hc.duration("interval"), hc.duration("timeout"),
          hc.duration("start_period"), hc.duration("start_interval"), hc.intOrNull("retries"), hc.bool("disable"));
    }

    Logging logging = null;
    Node lg = n.child("logging");
    if (lg != null) logging = new Logging(lg.str("driver"), lg.strMap("options"));

    Map<String, Ulimit> ulimits = new LinkedHashMap<>();
    n.rawMap("ulimits").forEach((k, v) -> {
      Node u = new Node(Tree.map(v), n.path + ".ulimits." + k);
      ulimits.put(k, new Ulimit(u.longOrNull("soft"), u.longOrNull("hard")));
    });

    List<PortConfig> ports = new ArrayList<>();
    if (n.raw("ports") instanceof List<?> pl) {
      for (int i = 0; i < pl.size(); i++) {
        Node p = new Node(Tree.map(pl.get(i)), n.path + ".ports[" + i + "]");
        ports.add(new PortConfig(p.str("name"), p.intOrNull("target"), p.str("published"), p.str("host_ip"),
            p.str("protocol"), p.str("mode"), p.str("app_protocol")));
      }
    }

    List<ServiceVolume> volumes = new ArrayList<>();
    if (n.raw("volumes") instanceof List<?> vl) {
      for (int i = 0; i < vl.size(); i++) volumes.add(serviceVolume(new Node(Tree.map(vl.get(i)), n.path + ".volumes[" + i + "]")));
    }

    Map<String, String> labels = n.strMap("labels");
    Map<String, Object> other = new LinkedHashMap<>();
    Service s = new Service(
        name,
        n.str("image"),
        build(n.child("build")),
        n.strListOrNull("command"),
        n.strListOrNull("entrypoint"),
        environment,
        ports,
        n.strList("expose"),
        volumes,
        networks,
        networkMode,
        dependsOn,
        healthcheck,
        n.str("restart"),
        deploy(n.child("deploy")),
        n.intOrNull("scale"),
        labels,
        n.strMap("annotations"),
        n.str("user"),
        n.str("working_dir"),
        n.str("hostname"),
        n.str("domainname"),
        n.strList("tmpfs"),
        n.strList("cap_add"),
        n.strList("cap_drop"),
        n.boolOrNull("init"),
        n.bool("privileged"),
        n.bool("read_only"),
        n.str("stop_signal"),
        n.duration("stop_grace_period"),
        n.bool("tty"),
        n.bool("stdin_open"),
        fileRefs(n, "secrets"),
        fileRefs(n, "configs"),
        n.strList("profiles"),
        n.listMap("extra_hosts"),
        n.strList("dns"),
        n.strList("dns_search"),
        n.strList("dns_opt"),
        logging,
        n.str("pid"),
        n.str("ipc"),
        n.str("uts"),
        n.str("userns_mode"),
        n.str("cgroup"),
        n.str("cgroup_parent"),
        n.strList("security_opt"),
        ulimits,
        n.strMap("sysctls"),
        n.strList("devices"),
        n.bytes("shm_size"),
        n.bytes("mem_limit"),
        n.bytes("mem_reservation"),
        memswap(n),
        n.doubleOrNull("cpus"),
        n.longOrNull("cpu_shares"),
        n.str("cpuset"),
        n.longOrNull("pids_limit"),
        n.intOrNull("oom_score_adj"),
        n.str("container_name"),
        n.str("platform"),
        n.str("pull_policy"),
        n.str("mac_address"),
        n.strList("group_add"),
        n.strList("links"),
        n.strList("external_links"),
        n.strList("volumes_from"),
        n.str("runtime"),
        other);
    // the rest, read last so that every typed key above counts as read
    Map<String, Object> rest = n.rest();
    if (rest.isEmpty()) return s;
    return withOther(s, rest);
  }

  private static Service withOther(Service s, Map<String, Object> other) {
    return new Service(s.name(), s.image(), s.build(), s.command(), s.entrypoint(), s.environment(), s.ports(),
        s.expose(), s.volumes(), s.networks(), s.networkMode(), s.dependsOn(), s.healthcheck(), s.restart(),
        s.deploy(), s.scale(), s.labels(), s.annotations(), s.user(), s.workingDir(), s.hostname(), s.domainname(),
        s.tmpfs(), s.capAdd(), s.capDrop(), s.init(), s.privileged(), s.readOnly(), s.stopSignal(),
        s.stopGracePeriod(), s.tty(), s.stdinOpen(), s.secrets(), s.configs(), s.profiles(), s.extraHosts(), s.dns(),
        s.dnsSearch(), s.dnsOpt(), s.logging(), s.pid(), s.ipc(), s.uts(), s.usernsMode(), s.cgroup(),
        s.cgroupParent(), s.securityOpt(), s.ulimits(), s.sysctls(), s.devices(), s.shmSize(), s.memLimit(),
        s.memReservation(), s.memswapLimit(), s.cpus(), s.cpuShares(), s.cpuset(), s.pidsLimit(), s.oomScoreAdj(),
        s.containerName(), s.platform(), s.pullPolicy(), s.macAddress(), s.groupAdd(), s.links(), s.externalLinks(),
        s.volumesFrom(), s.runtime(), other);
  }

  private static Long memswap(Node n) {
    Object v = n.raw("memswap_limit");
    if (v == null) return null;
    if ("-1".equals(Tree.str(v))) return -1L;
    return n.bytes("memswap_limit");
  }

  private ServiceNetwork serviceNetwork(Node n) {
    return new ServiceNetwork(n.strList("aliases"), n.str("ipv4_address"), n.str("ipv6_address"),
        n.strList("link_local_ips"), n.str("mac_address"), n.strMap("driver_opts"), n.intOrNull("priority"),
        n.intOrNull("gw_priority"));
  }

  private static ServiceVolume serviceVolume(Node n) {
    Node b = n.child("bind");
    Node v = n.child("volume");
    Node t = n.child("tmpfs");
    return new ServiceVolume(
        n.str("type"),
        n.str("source"),
        n.str("target"),
        n.bool("read_only"),
        n.str("consistency"),
        b == null ? null : new ServiceVolume.BindOptions(b.str("propagation"), b.boolOrNull("create_host_path"), b.str("selinux")),
        v == null ? null : new ServiceVolume.VolumeOptions(v.bool("nocopy"), v.str("subpath")),
        t == null ? null : new ServiceVolume.TmpfsOptions(t.bytes("size"), t.modeOrNull("mode")));
  }

  private List<ServiceFileRef> fileRefs(Node n, String key) {
    List<ServiceFileRef> out = new ArrayList<>();
    if (n.raw(key) instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        Node r = new Node(Tree.map(l.get(i)), n.path + "." + key + "[" + i + "]");
        out.add(new ServiceFileRef(r.str("source"), r.str("target"), r.str("uid"), r.str("gid"), r.modeOrNull("mode")));
      }
    }
    return out;
  }

  private BuildConfig build(Node b) {
    if (b == null) return null;
    Map<String, String> args = new LinkedHashMap<>();
    b.strMap("args").forEach((k, v) -> args.put(k, v == null ? env.apply(k) : v));
    BuildConfig c = new BuildConfig(b.str("context"), b.str("dockerfile"), b.str("dockerfile_inline"), args,
        b.str("target"), b.strMap("labels"), b.strList("cache_from"), b.strList("cache_to"), b.str("network"),
        b.listMap("extra_hosts"), b.bytes("shm_size"), b.bool("no_cache"), b.bool("pull"), b.strList("platforms"),
        b.strList("tags"), b.strMap("additional_contexts"), Map.of());
    Map<String, Object> rest = b.rest();
    if (rest.isEmpty()) return c;
    return new BuildConfig(c.context(), c.dockerfile(), c.dockerfileInline(), c.args(), c.target(), c.labels(),
        c.cacheFrom(), c.cacheTo(), c.network(), c.extraHosts(), c.shmSize(), c.noCache(), c.pull(), c.platforms(),
        c.tags(), c.additionalContexts(), rest);
  }

  private static Deploy deploy(Node d) {
    if (d == null) return null;
    Deploy.Resources resources = null;
    Node r = d.child("resources");
    if (r != null) resources = new Deploy.Resources(resourceSpec(r.child("limits")), resourceSpec(r.child("reservations")));
    String mode = d.str("mode");
    Integer replicas = d.intOrNull("replicas");
    Map<String, Object> restart = d.rawMap("restart_policy");
    Map<String, String> labels = d.strMap("labels");
    return new Deploy(mode, replicas, resources, restart, labels, d.rest());
  }

  private static Deploy.ResourceSpec resourceSpec(Node n) {
    if (n == null) return null;
    return new Deploy.ResourceSpec(n.doubleOrNull("cpus"), n.bytes("memory"), n.longOrNull("pids"));
  }

  Map<String, Network> networks(Map<String, Object> tree, boolean needDefault) {
    Map<String, Network> out = new LinkedHashMap<>();
    Tree.map(tree.getOrDefault("networks", Map.of())).forEach((key, v) -> {
      Node n = new Node(Tree.map(v), "networks." + key);
      boolean external = n.bool("external");
      Network.Ipam ipam = null;
      Node i = n.child("ipam");
      if (i != null) {
        List<Network.Pool> pools = new ArrayList<>();
        if (i.raw("config") instanceof List<?> cl) {
          for (Object c : cl) {
            Node p = new Node(Tree.map(c), i.path + ".config");
            pools.add(new Network.Pool(p.str("subnet"), p.str("ip_range"), p.str("gateway"), p.strMap("aux_addresses")));
          }
        }
        ipam = new Network.Ipam(i.str("driver"), pools, i.strMap("options"));
      }
      out.put(key, new Network(engineName(n, key, external), n.str("driver"), n.strMap("driver_opts"), ipam,
          n.bool("internal"), n.bool("attachable"), n.boolOrNull("enable_ipv6"), n.strMap("labels"), external));
    });
    if (needDefault && !out.containsKey("default")) {
      out.put("default", new Network(project + "_default", null, Map.of(), null, false, false, null, Map.of(), false));
    }
    return out;
  }

  Map<String, Volume> volumes(Map<String, Object> tree) {
    Map<String, Volume> out = new LinkedHashMap<>();
    Tree.map(tree.getOrDefault("volumes", Map.of())).forEach((key, v) -> {
      Node n = new Node(Tree.map(v), "volumes." + key);
      boolean external = n.bool("external");
      out.put(key, new Volume(engineName(n, key, external), n.str("driver"), n.strMap("driver_opts"), n.strMap("labels"), external));
    });
    return out;
  }

  Map<String, Secret> secrets(Map<String, Object> tree) {
    Map<String, Secret> out = new LinkedHashMap<>();
    Tree.map(tree.getOrDefault("secrets", Map.of())).forEach((key, v) -> {
      Node n = new Node(Tree.map(v), "secrets." + key);
      boolean external = n.bool("external");
      out.put(key, new Secret(engineName(n, key, external), n.str("file"), n.str("environment"), n.str("content"), external, n.strMap("labels")));
    });
    return out;
  }

  Map<String, Config> configs(Map<String, Object> tree) {
    Map<String, Config> out = new LinkedHashMap<>();
    Tree.map(tree.getOrDefault("configs", Map.of())).forEach((key, v) -> {
      Node n = new Node(Tree.map(v), "configs." + key);
      boolean external = n.bool("external");
      out.put(key, new Config(engineName(n, key, external), n.str("file"), n.str("environment"), n.str("content"), external, n.strMap("labels")));
    });
    return out;
  }

  private String engineName(Node n, String key, boolean external) {
    String name = n.str("name");
    if (name != null) return name;
    return external ? key : project + "_" + key;
  }
}
