package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.runtime.RuntimeSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OciSpecFactoryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ID = "0123456789abcdef".repeat(4);
    /** Our machines' bounding set: every capability but CAP_SYS_RESOURCE (bit 24). */
    private static final Set<String> BOUNDING = Capabilities.fromMask(0x000001fffeffffffL);
    private static final DeviceNode FUSE = new DeviceNode("/dev/fuse", 'c', 10, 229, 0666, 0, 0);
    private static final DeviceNode SDA = new DeviceNode("/dev/sda", 'b', 8, 0, 0660, 0, 6);
    private static final DeviceSource DEVICES = new DeviceSource() {
        @Override
        public List<DeviceNode> lookup(String hostPath) {
            return switch (hostPath) {
                case "/dev/fuse" -> List.of(FUSE);
                case "/dev/disks" -> List.of(SDA.at("/dev/disks/sda"));
                default -> throw BerthException.invalid("no device " + hostPath);
            };
        }

        @Override
        public List<DeviceNode> all() {
            return List.of(FUSE, SDA);
        }
    };
    private final OciSpecFactory factory = new OciSpecFactory(SeccompProfile.dockerDefault(MAPPER),
            new HostFacts(OptionalLong.of(20000), "the-host", new KernelVersion(6, 18)),
            new HostSecurity(BOUNDING, Path.of("/bin/sh"), DEVICES));

    private static RuntimeSpec spec(boolean hostNetwork, String hostname, String cwd) {
        return new RuntimeSpec(ID, Path.of("/b"), Path.of("/b/rootfs"), List.of("sh", "-c", "echo hi"),
                List.of("PATH=/bin", "A=b"), cwd, "", hostname, hostNetwork,
                Map.of("/etc/hosts", Path.of("/c/hosts"), "/etc/resolv.conf", Path.of("/c/resolv.conf")),
                Path.of("/b/log"), false, false, Optional.empty(), HostConfig.DEFAULT, Map.of());
    }

    private static RuntimeSpec spec(HostConfig h) {
        return spec(h, Map.of());
    }

    private static RuntimeSpec spec(HostConfig h, Map<String, Path> namespaces) {
        return new RuntimeSpec(ID, Path.of("/b"), Path.of("/b/rootfs"), List.of("sh"), List.of("PATH=/bin"), "/", "",
                "web", false, Map.of("/etc/hosts", Path.of("/c/hosts")), Path.of("/b/log"), false, false,
                Optional.empty(), h, namespaces);
    }

    private JsonNode root(HostConfig h) {
        return factory.create(spec(h), new ResolvedUser(0, 0, List.of()));
    }

    private static HostConfig host(Consumer<HostConfigBuilder> edit) {
        HostConfigBuilder b = new HostConfigBuilder();
        edit.accept(b);
        return b.build();
    }

    private JsonNode create(RuntimeSpec spec) {
        return factory.create(spec, new ResolvedUser(1000, 1001, List.of(10, 20)));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void processCarriesArgsEnvUserAndDockersCapabilities() {
        JsonNode p = create(spec(false, "web", "")).get("process");
        assertThat(texts(p.get("args"))).containsExactly("sh", "-c", "echo hi");
        assertThat(texts(p.get("env"))).containsExactly("PATH=/bin", "A=b");
        assertThat(p.get("cwd").asText()).isEqualTo("/");
        assertThat(p.get("terminal").asBoolean()).isFalse();
        assertThat(p.at("/user/uid").asInt()).isEqualTo(1000);
        assertThat(p.at("/user/gid").asInt()).isEqualTo(1001);
        assertThat(texts(p.at("/user/additionalGids"))).containsExactly("10", "20");
        // uid 1000: Docker's set as the bounding set only (see nonRootUserGetsOnlyTheBoundingSet)
        assertThat(texts(p.at("/capabilities/bounding"))).hasSize(14)
                .contains("CAP_CHOWN", "CAP_NET_BIND_SERVICE", "CAP_AUDIT_WRITE", "CAP_KILL")
                .doesNotContain("CAP_SYS_ADMIN", "CAP_NET_ADMIN");
        assertThat(p.at("/capabilities/inheritable").isMissingNode()).isTrue();
        assertThat(p.at("/capabilities/ambient").isMissingNode()).isTrue();
        assertThat(p.get("noNewPrivileges").asBoolean()).isFalse();
    }

    @Test
    void openFilesLimitIsTheDaemonsOwnHardLimit() {
        JsonNode rl = create(spec(false, "", "/work")).at("/process/rlimits/0");
        assertThat(rl.get("type").asText()).isEqualTo("RLIMIT_NOFILE");
        assertThat(rl.get("hard").asLong()).isEqualTo(20000);
        assertThat(rl.get("soft").asLong()).isEqualTo(20000);
    }

    @Test
    void linuxSectionHasMaskedReadonlyPathsCgroupAndNamespaces() {
        JsonNode l = create(spec(false, "", "/")).get("linux");
        assertThat(texts(l.get("maskedPaths"))).contains("/proc/kcore", "/proc/keys", "/sys/firmware", "/proc/scsi",
                "/sys/devices/virtual/powercap").hasSize(11);
        assertThat(texts(l.get("readonlyPaths"))).containsExactly("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                "/proc/sysrq-trigger");
        assertThat(l.get("cgroupsPath").asText()).isEqualTo("/berth/" + ID);
        List<String> ns = new ArrayList<>();
        l.get("namespaces").forEach(n -> ns.add(n.get("type").asText()));
        assertThat(ns).containsExactlyInAnyOrder("pid", "ipc", "uts", "mount", "network");
        JsonNode first = l.at("/resources/devices/0");
        assertThat(first.get("allow").asBoolean()).isFalse();
        assertThat(first.get("access").asText()).isEqualTo("rwm");
    }

    @Test
    void hostNetworkDropsTheNetworkNamespaceAndKeepsTheHostsName() {
        JsonNode c = create(spec(true, "", "/"));
        List<String> ns = new ArrayList<>();
        c.at("/linux/namespaces").forEach(n -> ns.add(n.get("type").asText()));
        assertThat(ns).doesNotContain("network").contains("uts");
        assertThat(c.get("hostname").asText()).isEqualTo("the-host");
        assertThat(create(spec(false, "", "/")).get("hostname").asText()).isEqualTo(ID.substring(0, 12));
        assertThat(create(spec(false, "web", "/")).get("hostname").asText()).isEqualTo("web");
    }

    @Test
    void mountsAreDockersDefaultsThenTheEtcFilesAsBinds() {
        JsonNode mounts = create(spec(false, "", "/")).get("mounts");
        List<String> dests = new ArrayList<>();
        mounts.forEach(m -> dests.add(m.get("destination").asText()));
        assertThat(dests).containsExactly("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue",
                "/dev/shm", "/etc/hosts", "/etc/resolv.conf");
        JsonNode shm = mounts.get(6);
        assertThat(texts(shm.get("options"))).contains("size=67108864", "mode=1777");
        assertThat(texts(mounts.get(3).get("options"))).contains("ro");
        JsonNode hosts = mounts.get(7);
        assertThat(hosts.get("type").asText()).isEqualTo("bind");
        assertThat(hosts.get("source").asText()).isEqualTo("/c/hosts");
        assertThat(texts(hosts.get("options"))).contains("rbind");
    }

    @Test
    void seccompIsTheDefaultProfileForAmd64AndTheDefaultCapabilities() {
        JsonNode s = create(spec(false, "", "/")).at("/linux/seccomp");
        assertThat(s.get("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(texts(s.get("architectures"))).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        List<String> allowed = new ArrayList<>();
        s.get("syscalls").forEach(r -> {
            if (r.get("action").asText().equals("SCMP_ACT_ALLOW") && !r.has("args")) {
                allowed.addAll(texts(r.get("names")));
            }
        });
        assertThat(allowed).contains("read", "write", "execve", "arch_prctl", "chroot")
                .doesNotContain("mount", "reboot", "init_module", "sync_file_range2");
    }

    @Test
    void capAddAndDropChangeTheDefaultSet() {
        JsonNode caps = root(host(b -> {
            b.capAdd = List.of("net_admin", "CAP_SYS_TIME");
            b.capDrop = List.of("CHOWN");
        })).at("/process/capabilities");
        assertThat(texts(caps.get("effective"))).contains("CAP_NET_ADMIN", "CAP_SYS_TIME", "CAP_KILL")
                .doesNotContain("CAP_CHOWN").hasSize(15);
        assertThat(texts(caps.get("bounding"))).isEqualTo(texts(caps.get("effective")));
    }

    @Test
    void dropAllKeepsOnlyWhatIsAddedAndAddAllKeepsTheHostsBoundingSet() {
        assertThat(texts(root(host(b -> {
            b.capDrop = List.of("ALL");
            b.capAdd = List.of("KILL");
        })).at("/process/capabilities/effective"))).containsExactly("CAP_KILL");
        List<String> all = texts(root(host(b -> {
            b.capAdd = List.of("ALL");
            b.capDrop = List.of("SYS_ADMIN");
        })).at("/process/capabilities/effective"));
        assertThat(all).hasSize(39).doesNotContain("CAP_SYS_ADMIN", "CAP_SYS_RESOURCE").contains("CAP_BPF");
    }

    @Test
    void capAddOfACapabilityOutsideTheBoundingSetIsRefused() {
        assertThatThrownBy(() -> root(host(b -> b.capAdd = List.of("SYS_RESOURCE"))))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("CAP_SYS_RESOURCE");
    }

    @Test
    void nonRootUserGetsOnlyTheBoundingSet() {
        JsonNode caps = create(spec(false, "", "/")).at("/process/capabilities");
        assertThat(texts(caps.get("bounding"))).hasSize(14);
        assertThat(caps.has("effective")).isFalse();
        assertThat(caps.has("permitted")).isFalse();
    }

    @Test
    void privilegedGetsTheBoundingSetAllDevicesNoSeccompNoMaskedPathsAndWritableSys() {
        JsonNode c = root(host(b -> b.privileged = true));
        assertThat(texts(c.at("/process/capabilities/effective"))).containsExactlyElementsOf(BOUNDING)
                .doesNotContain("CAP_SYS_RESOURCE");
        assertThat(c.at("/linux/seccomp").isMissingNode()).isTrue();
        assertThat(c.at("/linux/maskedPaths").isMissingNode()).isTrue();
        assertThat(c.at("/linux/readonlyPaths").isMissingNode()).isTrue();
        assertThat(c.at("/linux/resources/devices")).hasSize(1);
        assertThat(c.at("/linux/resources/devices/0/allow").asBoolean()).isTrue();
        List<String> devices = new ArrayList<>();
        c.at("/linux/devices").forEach(d -> devices.add(d.get("path").asText()));
        assertThat(devices).containsExactly("/dev/fuse", "/dev/sda");
        assertThat(texts(mount(c, "/sys").get("options"))).doesNotContain("ro");
        assertThat(texts(mount(c, "/sys/fs/cgroup").get("options"))).doesNotContain("ro");
    }

    @Test
    void seccompUnconfinedCustomProfileAndNoNewPrivileges() {
        assertThat(root(host(b -> b.securityOpt = List.of("seccomp=unconfined"))).at("/linux/seccomp").isMissingNode())
                .isTrue();
        String profile = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[\"SCMP_ARCH_X86_64\"],"
                + "\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";
        JsonNode custom = root(host(b -> b.securityOpt = List.of("seccomp=" + profile, "no-new-privileges")));
        assertThat(custom.at("/linux/seccomp/defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
        assertThat(texts(custom.at("/linux/seccomp/architectures"))).containsExactly("SCMP_ARCH_X86_64");
        assertThat(texts(custom.at("/linux/seccomp/syscalls/0/names"))).containsExactly("mkdir");
        assertThat(custom.at("/process/noNewPrivileges").asBoolean()).isTrue();
        assertThat(root(host(b -> b.securityOpt = List.of("no-new-privileges=false"))).at("/process/noNewPrivileges")
                .asBoolean()).isFalse();
    }

    @Test
    void capAddOpensTheSyscallsTheDefaultProfileTiesToIt() {
        JsonNode s = root(host(b -> b.capAdd = List.of("SYS_ADMIN"))).at("/linux/seccomp/syscalls");
        List<String> allowed = new ArrayList<>();
        s.forEach(r -> allowed.addAll(texts(r.get("names"))));
        assertThat(allowed).contains("mount", "umount2", "unshare");
    }

    @Test
    void readOnlyRootfsMakesRootAndSysReadOnlyButNotShmOrTheEtcFiles() {
        JsonNode c = root(host(b -> b.readonlyRootfs = true));
        assertThat(c.at("/root/readonly").asBoolean()).isTrue();
        assertThat(texts(mount(c, "/sys").get("options"))).contains("ro");
        assertThat(texts(mount(c, "/dev/shm").get("options"))).doesNotContain("ro");
        assertThat(texts(mount(c, "/etc/hosts").get("options"))).doesNotContain("ro");
    }

    @Test
    void bindsMountsAndTmpfsComeAfterTheDefaultsParentsFirstWithDockersOptions() {
        JsonNode c = root(host(b -> {
            b.binds = List.of("/srv/data/deep:/data/deep:ro,rslave", "/srv/data:/data");
            b.mounts = List.of(new HostConfig.Mount("tmpfs", "", "/scratch", false, "", 64L << 20, 0700),
                    new HostConfig.Mount("bind", "/srv/x", "/x", true, "", 0, 0));
            b.tmpfs = Map.of("/run", "rw,exec,size=1m", "/dev/shm", "size=2m");
        }));
        List<String> dests = new ArrayList<>();
        c.get("mounts").forEach(m -> dests.add(m.get("destination").asText()));
        assertThat(dests).containsExactly("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue",
                "/data", "/scratch", "/x", "/run", "/data/deep", "/dev/shm", "/etc/hosts");
        assertThat(texts(mount(c, "/data").get("options"))).containsExactly("rbind", "rprivate");
        assertThat(texts(mount(c, "/data/deep").get("options"))).containsExactly("rbind", "rslave", "ro");
        assertThat(mount(c, "/data/deep").get("source").asText()).isEqualTo("/srv/data/deep");
        assertThat(texts(mount(c, "/x").get("options"))).containsExactly("rbind", "rprivate", "ro");
        assertThat(texts(mount(c, "/scratch").get("options")))
                .containsExactly("noexec", "nosuid", "nodev", "rprivate", "mode=700", "size=64m");
        assertThat(texts(mount(c, "/run").get("options")))
                .containsExactly("nosuid", "nodev", "rprivate", "rw", "exec", "size=1m");
        assertThat(mount(c, "/dev/shm").get("type").asText()).isEqualTo("tmpfs");
        assertThat(texts(mount(c, "/dev/shm").get("options"))).contains("size=2m");
        assertThat(c.at("/linux/rootfsPropagation").asText()).isEqualTo("rslave");
    }

    @Test
    void devicesAreCreatedAndAllowedWithTheGivenPermissions() {
        JsonNode c = root(host(b -> b.devices = List.of(new HostConfig.DeviceMapping("/dev/fuse", "/dev/f", "rw"),
                new HostConfig.DeviceMapping("/dev/disks", "/dev/d", ""))));
        JsonNode nodes = c.at("/linux/devices");
        assertThat(nodes).hasSize(2);
        assertThat(nodes.get(0).get("path").asText()).isEqualTo("/dev/f");
        assertThat(nodes.get(0).get("type").asText()).isEqualTo("c");
        assertThat(nodes.get(0).get("major").asLong()).isEqualTo(10);
        assertThat(nodes.get(0).get("minor").asLong()).isEqualTo(229);
        assertThat(nodes.get(1).get("path").asText()).isEqualTo("/dev/d/sda");
        JsonNode rules = c.at("/linux/resources/devices");
        JsonNode fuse = rules.get(rules.size() - 2);
        assertThat(fuse.get("major").asLong()).isEqualTo(10);
        assertThat(fuse.get("access").asText()).isEqualTo("rw");
        assertThat(rules.get(rules.size() - 1).get("type").asText()).isEqualTo("b");
        assertThat(rules.get(rules.size() - 1).get("access").asText()).isEqualTo("rwm");
        assertThat(rules.get(0).get("allow").asBoolean()).isFalse();
    }

    @Test
    void initRunsTheCommandUnderDockerInitMountedReadOnly() {
        JsonNode c = root(host(b -> b.init = true));
        assertThat(texts(c.at("/process/args"))).containsExactly("/sbin/docker-init", "--", "sh");
        JsonNode init = mount(c, "/sbin/docker-init");
        assertThat(init.get("source").asText()).isEqualTo("/bin/sh");
        assertThat(texts(init.get("options"))).containsExactly("bind", "ro");
    }

    @Test
    void sysctlsUlimitsAndShmSize() {
        JsonNode c = root(host(b -> {
            b.sysctls = Map.of("net.ipv4.ip_forward", "1", "kernel.shmmax", "1000000");
            b.ulimits = List.of(new HostConfig.Ulimit("nproc", 100, 200));
            b.shmSize = 128L << 20;
        }));
        assertThat(c.at("/linux/sysctl/net.ipv4.ip_forward").asText()).isEqualTo("1");
        assertThat(c.at("/linux/sysctl/kernel.shmmax").asText()).isEqualTo("1000000");
        JsonNode rl = c.at("/process/rlimits");
        assertThat(rl).hasSize(2);
        assertThat(rl.get(0).get("type").asText()).isEqualTo("RLIMIT_NPROC");
        assertThat(rl.get(0).get("soft").asLong()).isEqualTo(100);
        assertThat(rl.get(0).get("hard").asLong()).isEqualTo(200);
        assertThat(rl.get(1).get("type").asText()).isEqualTo("RLIMIT_NOFILE");
        assertThat(texts(mount(c, "/dev/shm").get("options"))).contains("size=134217728");
        JsonNode nofile = root(host(b -> b.ulimits = List.of(new HostConfig.Ulimit("nofile", 10, 20))))
                .at("/process/rlimits");
        assertThat(nofile).hasSize(1);
        assertThat(nofile.get(0).get("hard").asLong()).isEqualTo(20);
    }

    @Test
    void hostModesShareTheHostsNamespacesAndJoinedOnesCarryTheirPath() {
        JsonNode host = root(host(b -> {
            b.pidMode = "host";
            b.ipcMode = "host";
            b.utsMode = "host";
        }));
        assertThat(namespaces(host)).containsExactly("mount", "network");
        assertThat(host.has("hostname")).isFalse();
        assertThat(mount(host, "/dev/shm").get("source").asText()).isEqualTo("/dev/shm");

        JsonNode joined = factory.create(spec(host(b -> b.ipcMode = "container:donor"),
                Map.of("ipc", Path.of("/proc/42/ns/ipc"), "pid", Path.of("/proc/42/ns/pid"))),
                new ResolvedUser(0, 0, List.of()));
        List<String> paths = new ArrayList<>();
        joined.at("/linux/namespaces").forEach(n -> paths.add(n.get("type").asText() + "=" + n.path("path").asText()));
        assertThat(paths).containsExactly("pid=/proc/42/ns/pid", "ipc=/proc/42/ns/ipc", "uts=", "mount=", "network=");
        assertThat(mount(joined, "/dev/shm").get("type").asText()).as("no shared shm given").isEqualTo("tmpfs");
        assertThat(mount(root(host(b -> b.ipcMode = "none")), "/dev/shm")).isNull();

        RuntimeSpec plain = spec(host(b -> b.ipcMode = "container:donor"), Map.of("ipc", Path.of("/proc/42/ns/ipc")));
        JsonNode sharing = factory.create(new RuntimeSpec(plain.id(), plain.bundle(), plain.rootfs(), plain.args(),
                plain.env(), plain.workingDir(), plain.user(), plain.hostname(), plain.hostNetwork(), plain.etcFiles(),
                plain.logPath(), false, false, Optional.empty(), plain.hostConfig(), plain.namespacePaths(),
                Optional.empty(), Optional.of(Path.of("/run/berth/c/donor/shm"))), new ResolvedUser(0, 0, List.of()));
        assertThat(mount(sharing, "/dev/shm").get("type").asText()).isEqualTo("bind");
        assertThat(mount(sharing, "/dev/shm").get("source").asText()).isEqualTo("/run/berth/c/donor/shm");
    }

    @Test
    void nothingButTheHostConfigChangesTheDefaults() {
        JsonNode c = root(HostConfig.DEFAULT);
        assertThat(texts(c.at("/process/capabilities/effective"))).containsExactlyElementsOf(
                OciSpecFactory.DEFAULT_CAPABILITIES);
        assertThat(c.at("/linux/devices").isMissingNode()).isTrue();
        assertThat(c.at("/linux/seccomp/defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(c.at("/root/readonly").asBoolean()).isFalse();
        assertThat(c.at("/process/noNewPrivileges").asBoolean()).isFalse();
    }

    private static List<String> namespaces(JsonNode c) {
        List<String> ns = new ArrayList<>();
        c.at("/linux/namespaces").forEach(n -> ns.add(n.get("type").asText()));
        return ns;
    }

    private static JsonNode mount(JsonNode config, String destination) {
        for (JsonNode m : config.get("mounts")) {
            if (m.get("destination").asText().equals(destination)) {
                return m;
            }
        }
        return null;
    }

    /** A mutable HostConfig for tests: set what a case needs, keep the rest at Docker's defaults. */
    private static final class HostConfigBuilder {
        List<String> binds = List.of();
        List<HostConfig.Mount> mounts = List.of();
        Map<String, String> tmpfs = Map.of();
        List<String> capAdd = List.of();
        List<String> capDrop = List.of();
        boolean privileged;
        List<String> securityOpt = List.of();
        boolean readonlyRootfs;
        List<HostConfig.DeviceMapping> devices = List.of();
        boolean init;
        String ipcMode = "";
        String pidMode = "";
        String utsMode = "";
        Map<String, String> sysctls = Map.of();
        long shmSize;
        List<HostConfig.Ulimit> ulimits = List.of();

        HostConfig build() {
            HostConfig.Resources r = new HostConfig.Resources(0, 0, 0, 0, 0, 0, 0, "", "", 0, false, ulimits, 0);
            return new HostConfig(r, binds, mounts, tmpfs, capAdd, capDrop, privileged, securityOpt, readonlyRootfs,
                    devices, List.of(), init, ipcMode, pidMode, utsMode, List.of(), List.of(), List.of(), List.of(),
                    sysctls, shmSize, HostConfig.RestartPolicy.NO);
        }
    }
}
