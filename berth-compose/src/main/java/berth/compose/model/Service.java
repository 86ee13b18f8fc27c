package berth.compose.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service, resolved (interpolated, merged, extended) and in long form. {@code null} means "not
 * set in the file" (the engine default applies); empty lists/maps mean "nothing".
 *
 * @param name the service name (key under {@code services:})
 * @param image image reference, or null (then {@code build} is set; compose names the built image
 *     {@code <project>-<service>})
 * @param build build section, or null
 * @param command the command as argv (a string in the file is split like a shell would), or null
 *     when unset — an empty list means "explicitly empty", which overrides the image's CMD
 * @param entrypoint as {@code command}
 * @param environment variables; a null value means "unset / take from the environment of the
 *     caller" for bare {@code VAR} entries that were not found; {@code env_file}s already merged
 *     in (environment wins)
 * @param ports published ports, long form; a short-syntax range is expanded to one entry per port
 * @param expose exposed ports as strings ({@code "80"}, {@code "80/udp"}, {@code "8000-8010"})
 * @param volumes mounts, long form; bind sources absolute
 * @param networks networks the service is attached to, key = network key in {@link
 *     Project#networks()}; {@code {default: ...}} when the file names none and there is no
 *     {@code network_mode}; empty when {@code network_mode} is set
 * @param networkMode {@code network_mode} ({@code host}, {@code none}, {@code service:x},
 *     {@code container:x}), or null
 * @param dependsOn dependencies, key = service name
 * @param healthcheck health check, or null (image default)
 * @param restart restart policy ({@code no}, {@code always}, {@code on-failure[:n]}, {@code
 *     unless-stopped}), or null
 * @param deploy deploy section, or null
 * @param scale {@code scale}, or null; see {@link #replicas()}
 * @param labels container labels
 * @param annotations OCI annotations
 * @param user {@code user}, or null
 * @param workingDir {@code working_dir}, or null
 * @param hostname {@code hostname}, or null
 * @param domainname {@code domainname}, or null
 * @param tmpfs tmpfs mount points ({@code "/run"} or {@code "/run:size=64m"})
 * @param capAdd capabilities to add
 * @param capDrop capabilities to drop
 * @param init {@code init}, or null
 * @param privileged {@code privileged}
 * @param readOnly {@code read_only} root filesystem
 * @param stopSignal {@code stop_signal}, or null
 * @param stopGracePeriod {@code stop_grace_period}, or null
 * @param tty {@code tty}
 * @param stdinOpen {@code stdin_open}
 * @param secrets secrets granted, long form
 * @param configs configs granted, long form
 * @param profiles profiles the service belongs to (empty: always active)
 * @param extraHosts {@code extra_hosts}: host name → addresses, in file order; see {@link
 *     #extraHostEntries()}
 * @param dns DNS servers
 * @param dnsSearch DNS search domains
 * @param dnsOpt resolver options
 * @param logging logging section, or null
 * @param pid {@code pid}, or null
 * @param ipc {@code ipc}, or null
 * @param uts {@code uts}, or null
 * @param usernsMode {@code userns_mode}, or null
 * @param cgroup {@code cgroup}, or null
 * @param cgroupParent {@code cgroup_parent}, or null
 * @param securityOpt security options
 * @param ulimits ulimits by name
 * @param sysctls sysctls
 * @param devices device mappings as in the file ({@code "/dev/x:/dev/y:rwm"})
 * @param shmSize {@code shm_size} in bytes, or null
 * @param memLimit {@code mem_limit} in bytes, or null
 * @param memReservation {@code mem_reservation} in bytes, or null
 * @param memswapLimit {@code memswap_limit} in bytes (-1: unlimited), or null
 * @param cpus {@code cpus}, or null
 * @param cpuShares {@code cpu_shares}, or null
 * @param cpuset {@code cpuset}, or null
 * @param pidsLimit {@code pids_limit}, or null
 * @param oomScoreAdj {@code oom_score_adj}, or null
 * @param containerName {@code container_name}, or null
 * @param platform {@code platform}, or null
 * @param pullPolicy {@code pull_policy} ({@code always}, {@code never}, {@code missing}, {@code
 *     build}, ...), or null
 * @param macAddress {@code mac_address}, or null
 * @param groupAdd supplementary groups
 * @param links {@code links} ({@code "svc"} or {@code "svc:alias"})
 * @param externalLinks {@code external_links}
 * @param volumesFrom {@code volumes_from}
 * @param runtime {@code runtime}, or null
 * @param other the remaining valid service keys this model does not type (e.g. {@code
 *     blkio_config}, {@code develop}, {@code gpus}) and {@code x-*} keys, as loaded
 */
public record Service(
    String name,
    String image,
    BuildConfig build,
    List<String> command,
    List<String> entrypoint,
    Map<String, String> environment,
    List<PortConfig> ports,
    List<String> expose,
    List<ServiceVolume> volumes,
    Map<String, ServiceNetwork> networks,
    String networkMode,
    Map<String, DependsOn> dependsOn,
    Healthcheck healthcheck,
    String restart,
    Deploy deploy,
    Integer scale,
    Map<String, String> labels,
    Map<String, String> annotations,
    String user,
    String workingDir,
    String hostname,
    String domainname,
    List<String> tmpfs,
    List<String> capAdd,
    List<String> capDrop,
    Boolean init,
    boolean privileged,
    boolean readOnly,
    String stopSignal,
    Duration stopGracePeriod,
    boolean tty,
    boolean stdinOpen,
    List<ServiceFileRef> secrets,
    List<ServiceFileRef> configs,
    List<String> profiles,
    Map<String, List<String>> extraHosts,
    List<String> dns,
    List<String> dnsSearch,
    List<String> dnsOpt,
    Logging logging,
    String pid,
    String ipc,
    String uts,
    String usernsMode,
    String cgroup,
    String cgroupParent,
    List<String> securityOpt,
    Map<String, Ulimit> ulimits,
    Map<String, String> sysctls,
    List<String> devices,
    Long shmSize,
    Long memLimit,
    Long memReservation,
    Long memswapLimit,
    Double cpus,
    Long cpuShares,
    String cpuset,
    Long pidsLimit,
    Integer oomScoreAdj,
    String containerName,
    String platform,
    String pullPolicy,
    String macAddress,
    List<String> groupAdd,
    List<String> links,
    List<String> externalLinks,
    List<String> volumesFrom,
    String runtime,
    Map<String, Object> other) {

  public Service {
    command = Maps.nullableList(command);
    entrypoint = Maps.nullableList(entrypoint);
    environment = Maps.ordered(environment);
    ports = Maps.list(ports);
    expose = Maps.list(expose);
    volumes = Maps.list(volumes);
    networks = Maps.ordered(networks);
    dependsOn = Maps.ordered(dependsOn);
    labels = Maps.ordered(labels);
    annotations = Maps.ordered(annotations);
    tmpfs = Maps.list(tmpfs);
    capAdd = Maps.list(capAdd);
    capDrop = Maps.list(capDrop);
    secrets = Maps.list(secrets);
    configs = Maps.list(configs);
    profiles = Maps.list(profiles);
    extraHosts = Maps.ordered(extraHosts);
    dns = Maps.list(dns);
    dnsSearch = Maps.list(dnsSearch);
    dnsOpt = Maps.list(dnsOpt);
    securityOpt = Maps.list(securityOpt);
    ulimits = Maps.ordered(ulimits);
    sysctls = Maps.ordered(sysctls);
    devices = Maps.list(devices);
    groupAdd = Maps.list(groupAdd);
    links = Maps.list(links);
    externalLinks = Maps.list(externalLinks);
    volumesFrom = Maps.list(volumesFrom);
    other = Maps.ordered(other);
  }

  /**
   * How many containers {@code up} should run: {@code deploy.replicas}, else {@code scale}, else 1.
   * (The loader rejects a file where both are set and differ.)
   */
  public int replicas() {
    if (deploy != null && deploy.replicas() != null) return deploy.replicas();
    if (scale != null) return scale;
    return 1;
  }

  /** {@code extra_hosts} as the Engine API's {@code HostConfig.ExtraHosts}: {@code "host:ip"}. */
  public List<String> extraHostEntries() {
    List<String> out = new ArrayList<>();
    extraHosts.forEach((host, ips) -> ips.forEach(ip -> out.add(host + ":" + ip)));
    return out;
  }

  /** The image {@code up} runs: {@code image}, else {@code <project>-<service>} (built). */
  public String imageName(String projectName) {
    return image != null ? image : projectName + "-" + name;
  }
}
