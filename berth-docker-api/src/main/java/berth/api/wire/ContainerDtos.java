package berth.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Wire shapes of the container endpoints, as Docker writes them. */
public final class ContainerDtos {
    private ContainerDtos() {}

    public record CreateResponse(String id, List<String> warnings) {}

    public record WaitResponse(WaitError error, int statusCode) {}

    public record WaitError(String message) {}

    /** {@code GET /containers/{id}/top}: {@code {"Titles":[...],"Processes":[[...]]}}. */
    public record TopResponse(List<String> titles, List<List<String>> processes) {}

    public record Summary(
            String id,
            List<String> names,
            String image,
            @JsonProperty("ImageID") String imageId,
            String command,
            long created,
            List<Object> ports,
            Map<String, String> labels,
            String state,
            String status,
            SummaryHostConfig hostConfig,
            SummaryNetworkSettings networkSettings,
            List<Object> mounts) {}

    public record SummaryHostConfig(String networkMode) {}

    public record SummaryNetworkSettings(Map<String, Endpoint> networks) {}

    public record Inspect(
            String id,
            String created,
            String path,
            List<String> args,
            State state,
            String image,
            String resolvConfPath,
            String hostnamePath,
            String hostsPath,
            String logPath,
            String name,
            int restartCount,
            String driver,
            String platform,
            String mountLabel,
            String processLabel,
            String appArmorProfile,
            @JsonProperty("ExecIDs") List<String> execIds,
            HostConfig hostConfig,
            ImageDtos.GraphDriver graphDriver,
            List<Object> mounts,
            ImageDtos.Config config,
            NetworkSettings networkSettings) {}

    public record State(
            String status,
            boolean running,
            boolean paused,
            boolean restarting,
            @JsonProperty("OOMKilled") boolean oomKilled,
            boolean dead,
            int pid,
            int exitCode,
            String error,
            String startedAt,
            String finishedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Health health) {}

    public record Health(String status, int failingStreak, List<HealthLog> log) {}

    public record HealthLog(String start, String end, int exitCode, String output) {}

    public record HostConfig(
            List<String> binds,
            @JsonProperty("ContainerIDFile") String containerIdFile,
            LogConfig logConfig,
            String networkMode,
            Map<String, List<PortMapping>> portBindings,
            RestartPolicy restartPolicy,
            boolean autoRemove,
            String volumeDriver,
            List<String> volumesFrom,
            List<Integer> consoleSize,
            List<String> capAdd,
            List<String> capDrop,
            String cgroupnsMode,
            List<String> dns,
            List<String> dnsOptions,
            List<String> dnsSearch,
            List<String> extraHosts,
            List<String> groupAdd,
            String ipcMode,
            String cgroup,
            List<String> links,
            int oomScoreAdj,
            String pidMode,
            boolean privileged,
            boolean publishAllPorts,
            boolean readonlyRootfs,
            List<String> securityOpt,
            @JsonProperty("UTSMode") String utsMode,
            String usernsMode,
            long shmSize,
            String runtime,
            String isolation,
            long cpuShares,
            long memory,
            long nanoCpus,
            String cgroupParent,
            int blkioWeight,
            long cpuPeriod,
            long cpuQuota,
            String cpusetCpus,
            String cpusetMems,
            List<Device> devices,
            long memoryReservation,
            long memorySwap,
            Long memorySwappiness,
            Boolean oomKillDisable,
            Long pidsLimit,
            List<Ulimit> ulimits,
            List<String> maskedPaths,
            List<String> readonlyPaths,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tmpfs,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Mount> mounts,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> sysctls,
            Boolean init) {}

    public record Device(String pathOnHost, String pathInContainer, String cgroupPermissions) {}

    /** One entry of inspect's top-level Mounts. */
    public record MountPoint(String type, String source, String destination, String mode,
            @JsonProperty("RW") boolean rw, String propagation) {}

    public record Ulimit(String name, long soft, long hard) {}

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record Mount(String type, String source, String target, boolean readOnly, BindOptions bindOptions,
            TmpfsOptions tmpfsOptions) {}

    public record BindOptions(String propagation) {}

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public record TmpfsOptions(long sizeBytes, int mode) {}

    public record LogConfig(String type, Map<String, String> config) {}

    public record RestartPolicy(String name, int maximumRetryCount) {}

    public record NetworkSettings(
            String bridge,
            @JsonProperty("SandboxID") String sandboxId,
            String sandboxKey,
            Map<String, List<PortMapping>> ports,
            @JsonProperty("EndpointID") String endpointId,
            String gateway,
            @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
            @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
            @JsonProperty("IPAddress") String ipAddress,
            @JsonProperty("IPPrefixLen") int ipPrefixLen,
            @JsonProperty("IPv6Gateway") String ipv6Gateway,
            String macAddress,
            Map<String, Endpoint> networks) {}

    public record Endpoint(
            @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
            List<String> links,
            List<String> aliases,
            @JsonProperty("NetworkID") String networkId,
            @JsonProperty("EndpointID") String endpointId,
            String gateway,
            @JsonProperty("IPAddress") String ipAddress,
            @JsonProperty("IPPrefixLen") int ipPrefixLen,
            @JsonProperty("IPv6Gateway") String ipv6Gateway,
            @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
            @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
            String macAddress,
            Map<String, String> driverOpts,
            @JsonProperty("DNSNames") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> dnsNames) {

        static Endpoint unconnected() {
            return new Endpoint(null, null, null, "", "", "", "", 0, "", "", 0, "", null, null);
        }
    }

    /** An endpoint's fixed address ({@code --ip}). */
    public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {}

    /** One entry of inspect's {@code NetworkSettings.Ports} and {@code HostConfig.PortBindings} lists. */
    public record PortMapping(String hostIp, String hostPort) {}

    /** One entry of a summary's Ports: IP and PublicPort only when published. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SummaryPort(@JsonProperty("IP") String ip, int privatePort, Integer publicPort, String type) {}
}
