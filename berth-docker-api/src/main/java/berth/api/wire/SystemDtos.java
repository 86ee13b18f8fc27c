package berth.api.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Wire shapes of {@code GET /version} and {@code GET /info}. */
public final class SystemDtos {
    private SystemDtos() {}

    public record Version(
            Platform platform,
            List<Component> components,
            String version,
            String apiVersion,
            @JsonProperty("MinAPIVersion") String minApiVersion,
            String gitCommit,
            String goVersion,
            String os,
            String arch,
            String kernelVersion,
            boolean experimental,
            String buildTime) {}

    public record Platform(String name) {}

    public record Component(String name, String version, Map<String, String> details) {}

    public record Info(
            @JsonProperty("ID") String id,
            int containers,
            int containersRunning,
            int containersPaused,
            int containersStopped,
            int images,
            String driver,
            List<List<String>> driverStatus,
            String dockerRootDir,
            Plugins plugins,
            boolean memoryLimit,
            boolean swapLimit,
            boolean kernelMemory,
            boolean kernelMemoryTCP,
            boolean cpuCfsPeriod,
            boolean cpuCfsQuota,
            @JsonProperty("CPUShares") boolean cpuShares,
            @JsonProperty("CPUSet") boolean cpuSet,
            boolean pidsLimit,
            boolean oomKillDisable,
            @JsonProperty("IPv4Forwarding") boolean ipv4Forwarding,
            boolean bridgeNfIptables,
            boolean bridgeNfIp6tables,
            boolean debug,
            @JsonProperty("NFd") int nfd,
            int nGoroutines,
            String systemTime,
            String loggingDriver,
            String cgroupDriver,
            String cgroupVersion,
            @JsonProperty("NEventsListener") int nEventsListener,
            String kernelVersion,
            String operatingSystem,
            @JsonProperty("OSVersion") String osVersion,
            @JsonProperty("OSType") String osType,
            String architecture,
            @JsonProperty("NCPU") int ncpu,
            long memTotal,
            String indexServerAddress,
            RegistryConfig registryConfig,
            List<Object> genericResources,
            String httpProxy,
            String httpsProxy,
            String noProxy,
            String name,
            List<String> labels,
            boolean experimentalBuild,
            String serverVersion,
            Map<String, Map<String, Object>> runtimes,
            String defaultRuntime,
            Swarm swarm,
            boolean liveRestoreEnabled,
            String isolation,
            String initBinary,
            Commit containerdCommit,
            Commit runcCommit,
            Commit initCommit,
            List<String> securityOptions,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String productLicense,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Object> defaultAddressPools,
            List<String> warnings,
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("CDISpecDirs") List<String> cdiSpecDirs) {}

    /** A registry's entry in RegistryConfig.IndexConfigs. */
    public record IndexInfo(String name, List<String> mirrors, boolean secure, boolean official) {}

    public record Plugins(List<String> volume, List<String> network, List<String> authorization, List<String> log) {}

    public record RegistryConfig(
            @JsonProperty("AllowNondistributableArtifactsCIDRs") List<String> allowNondistributableCidrs,
            List<String> allowNondistributableArtifactsHostnames,
            @JsonProperty("InsecureRegistryCIDRs") List<String> insecureRegistryCidrs,
            Map<String, Object> indexConfigs,
            List<String> mirrors) {}

    public record Swarm(
            @JsonProperty("NodeID") String nodeId,
            String nodeAddr,
            String localNodeState,
            boolean controlAvailable,
            String error,
            List<Object> remoteManagers) {}

    public record Commit(@JsonProperty("ID") String id, String expected) {}
}
