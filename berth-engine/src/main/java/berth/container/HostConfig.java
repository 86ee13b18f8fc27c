package berth.container;

import java.util.List;
import java.util.Map;

/**
 * The host-side options of a container ({@code HostConfig} on the wire): resources, security, mounts,
 * namespaces, name resolution and the restart policy. Docker's zero values mean "not set" (0 memory:
 * no limit; "" ipc mode: private). Plain types only, so the container store serialises it as it is.
 * Validated once at create ({@code HostConfigRules}); what is stored here is known to be well formed.
 *
 * @param binds       {@code -v} as given: "/host:/ctr[:ro|rw][,propagation]"
 * @param mounts      {@code --mount}: type bind or tmpfs
 * @param tmpfs       {@code --tmpfs}: container path → mount options ("" for defaults)
 * @param ipcMode     "", "private", "shareable", "host", "none", "container:&lt;ref&gt;"
 * @param pidMode     "", "host", "container:&lt;ref&gt;"
 * @param utsMode     "", "host"
 * @param shmSize     bytes of /dev/shm; 0: Docker's 64 MiB
 * @param logConfig   {@code --log-driver}/{@code --log-opt}; an empty type: the daemon's default (filled in at create)
 */
public record HostConfig(
        Resources resources,
        List<String> binds,
        List<Mount> mounts,
        Map<String, String> tmpfs,
        List<String> capAdd,
        List<String> capDrop,
        boolean privileged,
        List<String> securityOpt,
        boolean readonlyRootfs,
        List<DeviceMapping> devices,
        List<String> groupAdd,
        boolean init,
        String ipcMode,
        String pidMode,
        String utsMode,
        List<String> extraHosts,
        List<String> dns,
        List<String> dnsSearch,
        List<String> dnsOptions,
        Map<String, String> sysctls,
        long shmSize,
        RestartPolicy restartPolicy,
        List<berth.network.PortBinding> portBindings,
        boolean publishAllPorts,
        List<String> links,
        berth.logs.driver.LogConfig logConfig) {

    public static final long DEFAULT_SHM_SIZE = 64L * 1024 * 1024;

    public HostConfig {
        resources = resources == null ? Resources.NONE : resources;
        binds = copy(binds);
        mounts = copy(mounts);
        tmpfs = tmpfs == null ? Map.of() : Map.copyOf(tmpfs);
        capAdd = copy(capAdd);
        capDrop = copy(capDrop);
        securityOpt = copy(securityOpt);
        devices = copy(devices);
        groupAdd = copy(groupAdd);
        ipcMode = ipcMode == null ? "" : ipcMode;
        pidMode = pidMode == null ? "" : pidMode;
        utsMode = utsMode == null ? "" : utsMode;
        extraHosts = copy(extraHosts);
        dns = copy(dns);
        dnsSearch = copy(dnsSearch);
        dnsOptions = copy(dnsOptions);
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        portBindings = copy(portBindings);
        links = copy(links);
        logConfig = logConfig == null ? new berth.logs.driver.LogConfig("", java.util.Map.of()) : logConfig;
    }

    /** Without a log config (the daemon's default). */
    public HostConfig(Resources resources, List<String> binds, List<Mount> mounts, Map<String, String> tmpfs,
            List<String> capAdd, List<String> capDrop, boolean privileged, List<String> securityOpt,
            boolean readonlyRootfs, List<DeviceMapping> devices, List<String> groupAdd, boolean init, String ipcMode,
            String pidMode, String utsMode, List<String> extraHosts, List<String> dns, List<String> dnsSearch,
            List<String> dnsOptions, Map<String, String> sysctls, long shmSize, RestartPolicy restartPolicy,
            List<berth.network.PortBinding> portBindings, boolean publishAllPorts, List<String> links) {
        this(resources, binds, mounts, tmpfs, capAdd, capDrop, privileged, securityOpt, readonlyRootfs, devices,
                groupAdd, init, ipcMode, pidMode, utsMode, extraHosts, dns, dnsSearch, dnsOptions, sysctls, shmSize,
                restartPolicy, portBindings, publishAllPorts, links, null);
    }

    /** Without ports and links. */
    public HostConfig(Resources resources, List<String> binds, List<Mount> mounts, Map<String, String> tmpfs,
            List<String> capAdd, List<String> capDrop, boolean privileged, List<String> securityOpt,
            boolean readonlyRootfs, List<DeviceMapping> devices, List<String> groupAdd, boolean init, String ipcMode,
            String pidMode, String utsMode, List<String> extraHosts, List<String> dns, List<String> dnsSearch,
            List<String> dnsOptions, Map<String, String> sysctls, long shmSize, RestartPolicy restartPolicy) {
        this(resources, binds, mounts, tmpfs, capAdd, capDrop, privileged, securityOpt, readonlyRootfs, devices,
                groupAdd, init, ipcMode, pidMode, utsMode, extraHosts, dns, dnsSearch, dnsOptions, sysctls, shmSize,
                restartPolicy, List.of(), false, List.of());
    }

    /** What a create request without HostConfig gets. */
    public static final HostConfig DEFAULT = new HostConfig(Resources.NONE, List.of(), List.of(), Map.of(), List.of(),
            List.of(), false, List.of(), false, List.of(), List.of(), false, "", "", "", List.of(), List.of(), List.of(),
            List.of(), Map.of(), 0, RestartPolicy.NO);

    public long effectiveShmSize() {
        return shmSize > 0 ? shmSize : DEFAULT_SHM_SIZE;
    }

    public HostConfig withResources(Resources r) {
        return new HostConfig(r, binds, mounts, tmpfs, capAdd, capDrop, privileged, securityOpt, readonlyRootfs,
                devices, groupAdd, init, ipcMode, pidMode, utsMode, extraHosts, dns, dnsSearch, dnsOptions, sysctls,
                shmSize, restartPolicy, portBindings, publishAllPorts, links, logConfig);
    }

    public HostConfig withRestartPolicy(RestartPolicy p) {
        return new HostConfig(resources, binds, mounts, tmpfs, capAdd, capDrop, privileged, securityOpt,
                readonlyRootfs, devices, groupAdd, init, ipcMode, pidMode, utsMode, extraHosts, dns, dnsSearch,
                dnsOptions, sysctls, shmSize, p, portBindings, publishAllPorts, links, logConfig);
    }

    /** With other binds and mounts (what volumes and --volumes-from make of them), the rest kept. */
    public HostConfig withStorage(List<String> newBinds, List<Mount> newMounts) {
        return new HostConfig(resources, newBinds, newMounts, tmpfs, capAdd, capDrop, privileged, securityOpt,
                readonlyRootfs, devices, groupAdd, init, ipcMode, pidMode, utsMode, extraHosts, dns, dnsSearch,
                dnsOptions, sysctls, shmSize, restartPolicy, portBindings, publishAllPorts, links, logConfig);
    }

    /** With the port bindings and links of {@code -p}, {@code -P} and {@code --link}. */
    public HostConfig withPorts(List<berth.network.PortBinding> bindings, boolean publishAll, List<String> linkSpecs) {
        return new HostConfig(resources, binds, mounts, tmpfs, capAdd, capDrop, privileged, securityOpt,
                readonlyRootfs, devices, groupAdd, init, ipcMode, pidMode, utsMode, extraHosts, dns, dnsSearch,
                dnsOptions, sysctls, shmSize, restartPolicy, bindings, publishAll, linkSpecs, logConfig);
    }

    /** With the log config a create resolved (the daemon's defaults filled in). */
    public HostConfig withLogConfig(berth.logs.driver.LogConfig c) {
        return new HostConfig(resources, binds, mounts, tmpfs, capAdd, capDrop, privileged, securityOpt,
                readonlyRootfs, devices, groupAdd, init, ipcMode, pidMode, utsMode, extraHosts, dns, dnsSearch,
                dnsOptions, sysctls, shmSize, restartPolicy, portBindings, publishAllPorts, links, c);
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /**
     * Cgroup limits; 0 means unlimited / not set, as on the wire.
     *
     * @param memorySwap   memory + swap in bytes; -1 unlimited swap; 0 not set (Docker: twice memory)
     * @param nanoCpus     {@code --cpus} × 1e9
     * @param pidsLimit    0 or -1: unlimited
     * @param blkioWeight  10..1000, 0 not set
     */
    public record Resources(
            long memory,
            long memorySwap,
            long memoryReservation,
            long nanoCpus,
            long cpuShares,
            long cpuPeriod,
            long cpuQuota,
            String cpusetCpus,
            String cpusetMems,
            long pidsLimit,
            boolean oomKillDisable,
            List<Ulimit> ulimits,
            long blkioWeight) {

        public static final Resources NONE = new Resources(0, 0, 0, 0, 0, 0, 0, "", "", 0, false, List.of(), 0);

        public Resources {
            cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
            cpusetMems = cpusetMems == null ? "" : cpusetMems;
            ulimits = ulimits == null ? List.of() : List.copyOf(ulimits);
        }
    }

    /** {@code --ulimit nofile=1024:2048}: name without the RLIMIT_ prefix, lower case. */
    public record Ulimit(String name, long soft, long hard) {}

    /** {@code --device /dev/x[:/dev/y][:rwm]}. */
    public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {}

    /**
     * {@code --mount}: {@code type} "bind", "tmpfs" or "volume" (source: the volume's name, "" for a new
     * anonymous one).
     *
     * @param propagation  bind propagation ("" = rprivate)
     * @param tmpfsSize    bytes, 0 unlimited; {@code tmpfsMode} octal mode bits, 0 default (1777)
     * @param volumeNoCopy {@code volume-nocopy}: no copy-up of the image's content into a new volume
     */
    public record Mount(String type, String source, String target, boolean readOnly, String propagation,
            long tmpfsSize, int tmpfsMode, boolean volumeNoCopy) {

        /** Without volume options. */
        public Mount(String type, String source, String target, boolean readOnly, String propagation, long tmpfsSize,
                int tmpfsMode) {
            this(type, source, target, readOnly, propagation, tmpfsSize, tmpfsMode, false);
        }
    }

    /** {@code --restart}: "no", "always", "unless-stopped", "on-failure" (with a maximum, 0 = unlimited). */
    public record RestartPolicy(String name, int maximumRetryCount) {
        public static final RestartPolicy NO = new RestartPolicy("no", 0);

        public RestartPolicy {
            name = name == null || name.isEmpty() ? "no" : name;
        }
    }
}
