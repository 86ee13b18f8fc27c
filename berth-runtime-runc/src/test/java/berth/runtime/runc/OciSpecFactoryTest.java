package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.container.HostConfig;
import berth.runtime.RuntimeSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OciSpecFactoryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ID = "0123456789abcdef".repeat(4);
    private final OciSpecFactory factory = new OciSpecFactory(SeccompProfile.dockerDefault(MAPPER),
            new HostFacts(OptionalLong.of(20000), "the-host", new KernelVersion(6, 18)));

    private static RuntimeSpec spec(boolean hostNetwork, String hostname, String cwd) {
        return new RuntimeSpec(ID, Path.of("/b"), Path.of("/b/rootfs"), List.of("sh", "-c", "echo hi"),
                List.of("PATH=/bin", "A=b"), cwd, "", hostname, hostNetwork,
                Map.of("/etc/hosts", Path.of("/c/hosts"), "/etc/resolv.conf", Path.of("/c/resolv.conf")),
                Path.of("/b/log"), false, false, Optional.empty(), HostConfig.DEFAULT, Map.of());
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
        for (String set : List.of("bounding", "effective", "permitted")) {
            assertThat(texts(p.at("/capabilities/" + set))).hasSize(14)
                    .contains("CAP_CHOWN", "CAP_NET_BIND_SERVICE", "CAP_AUDIT_WRITE", "CAP_KILL")
                    .doesNotContain("CAP_SYS_ADMIN", "CAP_NET_ADMIN");
        }
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
}
