package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostConfigRulesTest {
    @TempDir
    Path tmp;

    /** A HostConfig with one list or map field set, the rest Docker's defaults. */
    private static HostConfig with(List<String> binds, List<HostConfig.Mount> mounts, Map<String, String> tmpfs,
            List<String> capAdd, List<String> securityOpt, List<HostConfig.DeviceMapping> devices,
            String ipc, String pid, String uts, List<String> extraHosts, Map<String, String> sysctls,
            List<HostConfig.Ulimit> ulimits) {
        HostConfig.Resources r = new HostConfig.Resources(0, 0, 0, 0, 0, 0, 0, "", "", 0, false, ulimits, 0);
        return new HostConfig(r, binds, mounts, tmpfs, capAdd, List.of(), false, securityOpt, false, devices,
                List.of(), false, ipc, pid, uts, extraHosts, List.of(), List.of(), List.of(), sysctls, 0,
                HostConfig.RestartPolicy.NO);
    }

    private static HostConfig edit(UnaryOperator<Fields> f) {
        Fields x = f.apply(new Fields());
        return with(x.binds, x.mounts, x.tmpfs, x.caps, x.secOpt, x.devices, x.ipc, x.pid, x.uts, x.hosts, x.sysctls,
                x.ulimits);
    }

    private static final class Fields {
        List<String> binds = List.of();
        List<HostConfig.Mount> mounts = List.of();
        Map<String, String> tmpfs = Map.of();
        List<String> caps = List.of();
        List<String> secOpt = List.of();
        List<HostConfig.DeviceMapping> devices = List.of();
        String ipc = "";
        String pid = "";
        String uts = "";
        List<String> hosts = List.of();
        Map<String, String> sysctls = Map.of();
        List<HostConfig.Ulimit> ulimits = List.of();
    }

    private static void ok(HostConfig h) {
        assertThatCode(() -> HostConfigRules.validate(h, "default", Optional.empty())).doesNotThrowAnyException();
    }

    private static void invalid(HostConfig h, String message) {
        invalid(h, "default", message);
    }

    private static void invalid(HostConfig h, String network, String message) {
        assertThatThrownBy(() -> HostConfigRules.validate(h, network, Optional.empty()))
                .isInstanceOfSatisfying(BerthException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void defaultsPass() {
        ok(HostConfig.DEFAULT);
    }

    @Test
    void capabilities_knownNamesInAnySpellingPassUnknownOnesAreRefusedAsDockerDoes() {
        ok(edit(f -> { f.caps = List.of("net_admin", "CAP_SYS_TIME", "ALL"); return f; }));
        invalid(edit(f -> { f.caps = List.of("FOO"); return f; }), "invalid CapAdd: unknown capability: \"CAP_FOO\"");
    }

    @Test
    void securityOpt_acceptsDockersFormsAndRefusesOthersWithDockersMessage() {
        ok(edit(f -> { f.secOpt = List.of("no-new-privileges", "no-new-privileges=true", "seccomp=unconfined",
                "seccomp:builtin", "seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}", "apparmor=unconfined",
                "label=disable"); return f; }));
        invalid(edit(f -> { f.secOpt = List.of("x"); return f; }), "invalid --security-opt 1: \"x\"");
        invalid(edit(f -> { f.secOpt = List.of("foo=bar"); return f; }), "invalid --security-opt 2: \"foo=bar\"");
        invalid(edit(f -> { f.secOpt = List.of("no-new-privileges=maybe"); return f; }),
                "invalid --security-opt 2: \"no-new-privileges=maybe\"");
        assertThatThrownBy(() -> HostConfigRules.validate(edit(f -> { f.secOpt = List.of("seccomp={not json");
            return f; }), "default", Optional.empty())).hasMessageStartingWith("Decoding seccomp profile failed: ");
        assertThatThrownBy(() -> HostConfigRules.validate(edit(f -> { f.secOpt = List.of("seccomp={\"defaultAction\":5}");
            return f; }), "default", Optional.empty())).hasMessageStartingWith("Decoding seccomp profile failed: "
                + "defaultAction must be one of");
        assertThatThrownBy(() -> HostConfigRules.validate(edit(f -> { f.secOpt = List.of("seccomp={\"defaultAction\":"
                + "\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"NOPE\"}]}"); return f; }),
                "default", Optional.empty())).hasMessageContaining("action of [\"mkdir\"] must be one of");
        assertThatThrownBy(() -> HostConfigRules.validate(edit(f -> { f.secOpt = List.of("apparmor=docker-default");
            return f; }), "default", Optional.empty())).isInstanceOfSatisfying(BerthException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED));
    }

    @Test
    void binds_followDockersVolumeSpecificationRules() {
        ok(edit(f -> { f.binds = List.of("/srv:/data", "/srv:/ro:ro", "/srv:/p:rw,rshared,nocopy"); return f; }));
        invalid(edit(f -> { f.binds = List.of("/srv:/data:bogus"); return f; }), "invalid mode: bogus");
        invalid(edit(f -> { f.binds = List.of("/srv:rw"); return f; }), "invalid volume specification: '/srv:rw'");
        invalid(edit(f -> { f.binds = List.of("/a:/b:ro:x"); return f; }), "invalid volume specification: '/a:/b:ro:x'");
        invalid(edit(f -> { f.binds = List.of("/srv:data"); return f; }), "invalid volume specification: '/srv:data': "
                + "invalid mount config for type \"bind\": invalid mount path: 'data' mount path must be absolute");
        invalid(edit(f -> { f.binds = List.of("/srv:/x", "/tmp:/x/"); return f; }), "Duplicate mount point: /x");
        assertThatThrownBy(() -> HostConfigRules.validate(edit(f -> { f.binds = List.of("vol:/data"); return f; }),
                "default", Optional.empty())).isInstanceOfSatisfying(BerthException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED));
    }

    @Test
    void mounts_bindSourceMustExistTmpfsTakesNoSource() {
        String src = tmp.toString();
        ok(edit(f -> { f.mounts = List.of(new HostConfig.Mount("bind", src, "/a", true, "rslave", 0, 0),
                new HostConfig.Mount("tmpfs", "", "/t", false, "", 1 << 20, 0700)); return f; }));
        invalid(edit(f -> { f.mounts = List.of(new HostConfig.Mount("bind", "/no/such/dir", "/a", false, "", 0, 0));
            return f; }), "invalid mount config for type \"bind\": bind source path does not exist: /no/such/dir");
        invalid(edit(f -> { f.mounts = List.of(new HostConfig.Mount("bind", src, "rel", false, "", 0, 0)); return f; }),
                "invalid mount config for type \"bind\": invalid mount path: 'rel' mount path must be absolute");
        invalid(edit(f -> { f.mounts = List.of(new HostConfig.Mount("tmpfs", "/x", "/t", false, "", 0, 0)); return f; }),
                "invalid mount config for type \"tmpfs\": field Source must not be specified");
        invalid(edit(f -> { f.mounts = List.of(new HostConfig.Mount("weird", "", "/t", false, "", 0, 0)); return f; }),
                "invalid mount config for type \"weird\": mount type unknown");
    }

    @Test
    void tmpfs_targetMustBeAbsoluteAndOptionsKnown() {
        ok(edit(f -> { f.tmpfs = Map.of("/run", "rw,exec,size=64m,mode=1777"); return f; }));
        invalid(edit(f -> { f.tmpfs = Map.of("run", ""); return f; }), "invalid mount path: 'run' mount path must be absolute");
        invalid(edit(f -> { f.tmpfs = Map.of("/run", "bogus"); return f; }), "Invalid tmpfs option \"bogus\" for /run");
    }

    @Test
    void devices_mustExistOnTheHostAndBeDevices() throws Exception {
        ok(edit(f -> { f.devices = List.of(new HostConfig.DeviceMapping("/dev/null", "/dev/n", "rw")); return f; }));
        invalid(edit(f -> { f.devices = List.of(new HostConfig.DeviceMapping("/dev/x", "/dev/x", "rwm")); return f; }),
                "error gathering device information while adding custom device \"/dev/x\": no such file or directory");
        Path file = Files.writeString(tmp.resolve("f"), "x");
        invalid(edit(f -> { f.devices = List.of(new HostConfig.DeviceMapping(file.toString(), "", "")); return f; }),
                "error gathering device information while adding custom device \"" + file + "\": not a device node");
        invalid(edit(f -> { f.devices = List.of(new HostConfig.DeviceMapping("/dev/null", "", "rx")); return f; }),
                "bad mode specified: rx (device permissions are a combination of r, w and m)");
    }

    @Test
    void sysctls_onlyNamespacedOnesAndNetOnlyWithANetworkOfItsOwn() {
        ok(edit(f -> { f.sysctls = Map.of("net.ipv4.ip_forward", "1", "kernel.shmmax", "1", "fs.mqueue.msg_max", "5");
            return f; }));
        invalid(edit(f -> { f.sysctls = Map.of("kernel.hostname", "x"); return f; }),
                "sysctl \"kernel.hostname\" is not in a separate kernel namespace"
                        + " (allowed: kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.*)");
        invalid(edit(f -> { f.sysctls = Map.of("net.ipv4.ip_forward", "1"); return f; }), "host",
                "sysctl \"net.ipv4.ip_forward\" not allowed in host network namespace");
        invalid(edit(f -> { f.sysctls = Map.of("kernel.sem", "1"); f.ipc = "host"; return f; }),
                "sysctl \"kernel.sem\" is not allowed in the hosts ipc namespace");
    }

    @Test
    void namespaceModes_followDockersValidity() {
        ok(edit(f -> { f.ipc = "shareable"; f.pid = "container:abc"; f.uts = "host"; return f; }));
        invalid(edit(f -> { f.ipc = "bogus"; return f; }), "invalid IPC mode: bogus");
        invalid(edit(f -> { f.ipc = "container:"; return f; }), "invalid IPC mode: container:");
        invalid(edit(f -> { f.pid = "private"; return f; }), "invalid PID mode: private");
        invalid(edit(f -> { f.uts = "container:x"; return f; }), "invalid UTS mode: container:x");
        assertThatThrownBy(() -> HostConfigRules.validate(edit(f -> { f.uts = "host"; return f; }), "default",
                Optional.of("web"))).hasMessage("conflicting options: hostname and the UTS mode");
    }

    @Test
    void ulimitsAndExtraHosts() {
        ok(edit(f -> { f.ulimits = List.of(new HostConfig.Ulimit("nofile", 10, 20)); f.hosts = List.of("db:10.0.0.2",
                "v6:::1", "b:[fe80::1]"); return f; }));
        assertThatThrownBy(() -> HostConfigRules.validate(edit(f -> {
            f.ulimits = List.of(new HostConfig.Ulimit("bogus", 1, 1)); return f; }), "default", Optional.empty()))
                .hasMessageStartingWith("invalid ulimit type: bogus");
        invalid(edit(f -> { f.ulimits = List.of(new HostConfig.Ulimit("nproc", 3, 2)); return f; }),
                "ulimit soft limit must be less than or equal to hard limit: 3 > 2");
        invalid(edit(f -> { f.hosts = List.of("nocolon"); return f; }), "bad format for add-host: \"nocolon\"");
        invalid(edit(f -> { f.hosts = List.of("db:not-an-ip"); return f; }),
                "invalid IP address in add-host: \"not-an-ip\"");
    }

    @Test
    void createBindSources_makesMissingDirectoriesForDashV() throws Exception {
        Path missing = tmp.resolve("a/b");
        HostConfigRules.createBindSources(edit(f -> { f.binds = List.of(missing + ":/data"); return f; }));
        assertThat(missing).isDirectory();
    }
}
