package berth.cli.opts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small value parsers: ulimits, restart policies, hosts, sysctls, CPUs, devices, security options. */
class FlagValuesTest {
    @Test
    void ulimit_readsSoftAndHardAndDefaultsHardToSoft() {
        assertThat(Ulimit.parse("nofile=100:200")).isEqualTo(new Ulimit("nofile", 100, 200));
        assertThat(Ulimit.parse("nproc=50")).isEqualTo(new Ulimit("nproc", 50, 50));
        assertThat(Ulimit.parse("core=-1:-1")).isEqualTo(new Ulimit("core", -1, -1));
    }

    @Test
    void ulimit_refusesAsGoUnitsDoes() {
        assertThatThrownBy(() -> Ulimit.parse("nofile")).hasMessage("invalid ulimit argument: nofile");
        assertThatThrownBy(() -> Ulimit.parse("foo=1")).hasMessage("invalid ulimit type: foo");
        assertThatThrownBy(() -> Ulimit.parse("nofile=10:5"))
                .hasMessage("ulimit soft limit must be less than or equal to hard limit: 10 > 5");
        assertThatThrownBy(() -> Ulimit.parse("nofile=a")).hasMessage("strconv.ParseInt: parsing \"a\": invalid syntax");
        assertThatThrownBy(() -> Ulimit.parse("nofile=1:2:3")).hasMessageStartingWith("too many limit value arguments - 1:2:3");
    }

    @Test
    void restartPolicy_readsNameAndRetryCount_andLeavesNamesToTheDaemon() {
        assertThat(RestartPolicy.parse("on-failure:3")).isEqualTo(new RestartPolicy("on-failure", 3));
        assertThat(RestartPolicy.parse("always")).isEqualTo(new RestartPolicy("always", 0));
        assertThat(RestartPolicy.parse(null)).isEqualTo(RestartPolicy.UNSET);
        assertThat(RestartPolicy.parse("bogus")).isEqualTo(new RestartPolicy("bogus", 0));
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x"))
                .hasMessage("invalid restart policy format: maximum retry count must be an integer");
        assertThatThrownBy(() -> RestartPolicy.parse(":3"))
                .hasMessage("invalid restart policy format: no policy provided before colon");
    }

    @Test
    void extraHost_acceptsColonOrEqualsAndIpv6_andSendsHostColonIp() {
        assertThat(NetOpts.extraHost("foo:1.2.3.4")).isEqualTo("foo:1.2.3.4");
        assertThat(NetOpts.extraHost("bar=::1")).isEqualTo("bar:::1");
        assertThat(NetOpts.extraHost("baz:[fe80::1]")).isEqualTo("baz:fe80::1");
        assertThat(NetOpts.extraHost("gw:host-gateway")).isEqualTo("gw:host-gateway");
        assertThatThrownBy(() -> NetOpts.extraHost("foo")).hasMessage("bad format for add-host: \"foo\"");
        assertThatThrownBy(() -> NetOpts.extraHost("foo:notip")).hasMessage("invalid IP address in add-host: \"notip\"");
        assertThatThrownBy(() -> NetOpts.extraHost("foo:example.com")).hasMessage("invalid IP address in add-host: \"example.com\"");
    }

    @Test
    void dnsAndSysctl_areCheckedAsDocker() {
        assertThat(NetOpts.ipAddress("8.8.8.8")).isEqualTo("8.8.8.8");
        assertThatThrownBy(() -> NetOpts.ipAddress("dns.example")).hasMessage("IP address is not correctly formatted: dns.example");
        assertThat(NetOpts.sysctl("net.ipv4.ip_forward=1")).containsExactly("net.ipv4.ip_forward", "1");
        assertThat(NetOpts.sysctl("kernel.shmmax=1=2")).containsExactly("kernel.shmmax", "1=2");
        assertThatThrownBy(() -> NetOpts.sysctl("kernel.foo=1")).hasMessage("sysctl 'kernel.foo=1' is not allowed");
        assertThatThrownBy(() -> NetOpts.sysctl("foo")).hasMessage("sysctl 'foo' is not allowed");
    }

    @Test
    void cpus_becomeNanoCpus() {
        assertThat(Cpus.nanoCpus("1.5")).isEqualTo(1_500_000_000L);
        assertThat(Cpus.nanoCpus("3/2")).isEqualTo(1_500_000_000L);
        assertThat(Cpus.nanoCpus("0.000000001")).isEqualTo(1);
        assertThatThrownBy(() -> Cpus.nanoCpus("abc")).hasMessage("failed to parse abc as a rational number");
        assertThatThrownBy(() -> Cpus.nanoCpus("0.0000000001")).hasMessage("value is too precise");
    }

    @Test
    void device_readsPathsAndPermissions() {
        assertThat(Device.parse("/dev/null")).isEqualTo(new Device("/dev/null", "/dev/null", "rwm"));
        assertThat(Device.parse("/dev/null:/dev/x")).isEqualTo(new Device("/dev/null", "/dev/x", "rwm"));
        assertThat(Device.parse("/dev/null:r")).isEqualTo(new Device("/dev/null", "/dev/null", "r"));
        assertThat(Device.parse("/dev/null:/dev/x:rw")).isEqualTo(new Device("/dev/null", "/dev/x", "rw"));
        assertThatThrownBy(() -> Device.parse("/dev/null:rel")).hasMessage("rel is not an absolute path");
        assertThatThrownBy(() -> Device.parse("/dev/null:/x:rwx")).hasMessage("bad mode specified: rwx");
        assertThatThrownBy(() -> Device.parse("a:b:c:d")).hasMessage("bad format for path: a:b:c:d");
    }

    @Test
    void securityOpts_inlineASeccompFileAndKeepTheRest(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("p.json"), "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\"\n}\n");
        assertThat(SecurityOpts.resolve(List.of("seccomp=p.json", "seccomp=unconfined", "no-new-privileges",
                "apparmor:unconfined"), dir))
                .containsExactly("seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}", "seccomp=unconfined", "no-new-privileges",
                        "apparmor:unconfined");
        assertThatThrownBy(() -> SecurityOpts.resolve(List.of("seccomp=/nope.json"), dir))
                .hasMessage("opening seccomp profile (/nope.json) failed: open /nope.json: no such file or directory");
        assertThatThrownBy(() -> SecurityOpts.resolve(List.of("foo"), dir)).hasMessage("Invalid --security-opt: \"foo\"");
    }

    @Test
    void capabilities_areUpperCasedAndPrefixed() {
        assertThat(SecurityOpts.capabilities(List.of("net_admin", "CAP_SYS_TIME", "ALL", "net_admin")))
                .containsExactly("CAP_NET_ADMIN", "CAP_SYS_TIME", "ALL");
    }

    @Test
    void namespaceModes_areCheckedAsDocker() {
        SecurityOpts.checkPidMode("host");
        SecurityOpts.checkPidMode("container:web");
        SecurityOpts.checkUtsMode("host");
        assertThatThrownBy(() -> SecurityOpts.checkPidMode("bogus")).hasMessage("--pid: invalid PID mode");
        assertThatThrownBy(() -> SecurityOpts.checkPidMode("container:")).hasMessage("--pid: invalid PID mode");
        assertThatThrownBy(() -> SecurityOpts.checkUtsMode("container:x")).hasMessage("--uts: invalid UTS mode");
    }

    @Test
    void volumeSpec_splitsBindsFromAnonymousVolumes() {
        java.nio.file.Path cwd = java.nio.file.Path.of("/work/here");
        assertThat(VolumeSpec.parse("/tmp:/h:ro", cwd)).isEqualTo(new VolumeSpec("/tmp:/h:ro", null));
        assertThat(VolumeSpec.parse("vol:/v", cwd)).isEqualTo(new VolumeSpec("vol:/v", null));
        assertThat(VolumeSpec.parse("./data:/d", cwd)).isEqualTo(new VolumeSpec("/work/here/data:/d", null));
        assertThat(VolumeSpec.parse("/anon", cwd)).isEqualTo(new VolumeSpec(null, "/anon"));
    }
}
