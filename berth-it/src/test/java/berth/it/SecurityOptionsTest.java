package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security options, mounts and namespaces through the real docker CLI: Docker's defaults hold, each
 * option is enforced by the kernel (seen from inside the container) and shown by inspect, bad input
 * gets Docker's error and creates nothing, and an image's config cannot grant itself anything.
 */
@ExtendWith(SharedDaemon.class)
class SecurityOptionsTest {
    /** Docker's default capability set as /proc/self/status shows it. */
    private static final String DEFAULT_CAPS = "00000000a80425fb";

    @TempDir
    Path tmp;
    private Docker docker;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.docker = new Docker(daemon);
    }

    /** {@code docker run --rm <options> busybox sh -c <script>}. */
    private Docker.Result sh(List<String> options, String script) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--rm"));
        args.addAll(options);
        args.addAll(List.of("busybox", "sh", "-c", script));
        return docker.run(args.toArray(String[]::new));
    }

    private String ok(List<String> options, String script) throws Exception {
        Docker.Result r = sh(options, script);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    private static String status(String out, String field) {
        return out.lines().filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).strip())
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + " in " + out));
    }

    private String inspect(String name, String format) throws Exception {
        Docker.Result r = docker.run("inspect", "-f", format, name);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void defaults_dockersCapabilitiesSeccompMaskedPathsAndNoMountUnshareOrReboot() throws Exception {
        String st = ok(List.of(), "cat /proc/self/status");
        assertThat(status(st, "CapEff")).isEqualTo(DEFAULT_CAPS);
        assertThat(status(st, "CapBnd")).isEqualTo(DEFAULT_CAPS);
        assertThat(status(st, "Seccomp")).isEqualTo("2");
        assertThat(status(st, "NoNewPrivs")).isEqualTo("0");
        Docker.Result mount = sh(List.of(), "mount -t tmpfs none /tmp");
        assertThat(mount.exitCode()).isNotZero();
        assertThat(mount.stderr()).containsAnyOf("Operation not permitted", "permission denied");
        assertThat(sh(List.of(), "unshare -m true").stderr()).contains("Operation not permitted");
        Docker.Result reboot = sh(List.of(), "reboot -f");
        assertThat(reboot.exitCode()).isNotZero();
        assertThat(reboot.stderr()).as(reboot.toString()).contains("Operation not permitted");
        // /proc/kcore does not exist on this kernel; these masked paths do, with content on the host
        assertThat(Files.readString(Path.of("/proc/timer_list"))).isNotEmpty();
        assertThat(Files.readString(Path.of("/proc/keys"))).isNotEmpty();
        try (var firmware = Files.list(Path.of("/sys/firmware"))) {
            assertThat(firmware.count()).isPositive();
        }
        assertThat(ok(List.of(), "wc -c < /proc/timer_list; wc -c < /proc/keys; ls /sys/firmware | wc -l"))
                .isEqualTo("0\n0\n0");
        // and masked by a mount of their own (not merely empty): /dev/null over files, a tmpfs over directories
        String mounts = ok(List.of(), "cat /proc/self/mountinfo");
        assertThat(mounts.lines().map(l -> l.split(" ")[4]))
                .contains("/proc/timer_list", "/proc/keys", "/proc/acpi", "/sys/firmware");
        assertThat(sh(List.of(), "echo 1 > /proc/sys/kernel/panic").exitCode()).isNotZero();
        assertThat(sh(List.of(), "echo 1 > /proc/sysrq-trigger").exitCode()).isNotZero();
    }

    @Test
    void nonRootUser_hasNoCapabilitiesAndCannotWriteRootOwnedFiles() throws Exception {
        Docker.Result r = sh(List.of("--user", "nobody"), "grep CapEff /proc/self/status; echo x >> /etc/passwd");
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(r.stdout()).contains("0000000000000000");
        // as in Docker, the primary group is a supplementary one too
        assertThat(ok(List.of("--user", "nobody:nobody"), "id")).isEqualTo("uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)");
        assertThat(ok(List.of("--user", "1234:1234"), "grep Groups /proc/self/status").strip()).isEqualTo("Groups:\t1234");
        assertThat(ok(List.of(), "grep Groups /proc/self/status").strip()).startsWith("Groups:\t0");
        assertThat(ok(List.of("--user", "65534", "--group-add", "root", "--group-add", "4242"), "id -G"))
                .isEqualTo("65534 0 4242");
        Docker.Result unknownGroup = sh(List.of("--group-add", "no-such-group"), "true");
        assertThat(unknownGroup.exitCode()).isNotZero();
        assertThat(unknownGroup.stderr()).contains("Unable to find group no-such-group");
    }

    @Test
    void capAddAndCapDrop_changeTheSetAndShowInInspect() throws Exception {
        Docker.Result created = docker.run("run", "--name", "it-sec-caps", "--cap-add", "NET_ADMIN", "--cap-drop", "chown",
                "busybox", "grep", "CapEff", "/proc/self/status");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).endsWith(String.format("%016x", 0xa80425fbL & ~1L | 1L << 12));
        assertThat(inspect("it-sec-caps", "{{.HostConfig.CapAdd}} {{.HostConfig.CapDrop}}"))
                .isEqualTo("[CAP_NET_ADMIN] [CAP_CHOWN]");
        docker.run("rm", "it-sec-caps");
        assertThat(ok(List.of("--cap-add", "SYS_ADMIN", "--security-opt", "apparmor=unconfined"),
                "mount -t tmpfs none /tmp && echo mounted")).isEqualTo("mounted");
        assertThat(status(ok(List.of("--cap-drop", "ALL", "--cap-add", "KILL"), "cat /proc/self/status"), "CapEff"))
                .isEqualTo("0000000000000020");
    }

    @Test
    void privileged_getsTheDaemonsBoundingSetDevicesAndNoFilter() throws Exception {
        String hostBounding = status(Files.readString(Path.of("/proc/self/status")), "CapBnd");
        String st = ok(List.of("--privileged"), "cat /proc/self/status; mount -t tmpfs none /tmp && echo mounted;"
                + " ls /dev | wc -l; wc -c < /proc/timer_list | grep -qv '^0$' && echo unmasked");
        assertThat(status(st, "CapEff")).isEqualTo(hostBounding);
        assertThat(status(st, "Seccomp")).isEqualTo("0");
        assertThat(st).contains("mounted", "unmasked");
        long devices = Long.parseLong(st.lines().filter(l -> l.matches("\\d+")).findFirst().orElseThrow());
        assertThat(devices).isGreaterThan(20);
        Docker.Result created = docker.run("create", "--name", "it-sec-priv", "--privileged", "busybox", "true");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(inspect("it-sec-priv", "{{.HostConfig.Privileged}} {{.HostConfig.MaskedPaths}}")).isEqualTo("true []");
        docker.run("rm", "it-sec-priv");
    }

    @Test
    void seccompUnconfinedCustomProfileAndNoNewPrivileges() throws Exception {
        assertThat(status(ok(List.of("--security-opt", "seccomp=unconfined"), "cat /proc/self/status"), "Seccomp"))
                .isEqualTo("0");
        Path profile = Files.writeString(tmp.resolve("no-mkdir.json"), """
                {"defaultAction": "SCMP_ACT_ALLOW",
                 "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}
                """);
        Docker.Result blocked = sh(List.of("--security-opt", "seccomp=" + profile), "mkdir /tmp/x");
        assertThat(blocked.exitCode()).as(blocked.toString()).isNotZero();
        assertThat(blocked.stderr()).contains("Operation not permitted");
        assertThat(ok(List.of("--security-opt", "seccomp=" + profile), "touch /tmp/y && echo touched")).isEqualTo("touched");
        String st = ok(List.of("--security-opt", "no-new-privileges"), "cat /proc/self/status");
        assertThat(status(st, "NoNewPrivs")).isEqualTo("1");
        Docker.Result created = docker.run("create", "--name", "it-sec-nnp", "--security-opt", "no-new-privileges",
                "busybox", "true");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(inspect("it-sec-nnp", "{{.HostConfig.SecurityOpt}}")).isEqualTo("[no-new-privileges]");
        docker.run("rm", "it-sec-nnp");
    }

    @Test
    void readOnlyRootfsTmpfsAndShmSize() throws Exception {
        Docker.Result ro = sh(List.of("--read-only"), "touch /x");
        assertThat(ro.exitCode()).isNotZero();
        assertThat(ro.stderr()).contains("Read-only file system");
        String out = ok(List.of("--read-only", "--tmpfs", "/run:size=1m", "--shm-size", "128m"),
                "touch /run/x /dev/shm/y && grep -E ' /run | /dev/shm ' /proc/mounts");
        assertThat(out).contains("tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k")
                .contains("/dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=131072k");
        Docker.Result created = docker.run("create", "--name", "it-sec-ro", "--read-only", "--tmpfs", "/run",
                "--shm-size", "128m", "busybox", "true");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(inspect("it-sec-ro", "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Tmpfs}} {{.HostConfig.ShmSize}}"))
                .isEqualTo("true map[/run:] 134217728");
        docker.run("rm", "it-sec-ro");
    }

    @Test
    void bindsAndMounts_writesReachTheHostAndReadOnlyHolds() throws Exception {
        Path rw = Files.createDirectory(tmp.resolve("rw"));
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(ro.resolve("kept"), "host");
        Path created = tmp.resolve("made/by/run");
        ok(List.of("-v", rw + ":/rw", "-v", ro + ":/ro:ro", "-v", created + ":/new"),
                "echo written > /rw/out && cat /ro/kept && ! touch /ro/nope 2>/dev/null && touch /new/file");
        assertThat(rw.resolve("out")).hasContent("written");
        assertThat(ro.resolve("nope")).doesNotExist();
        assertThat(created.resolve("file")).exists();
        String out = ok(List.of("--mount", "type=bind,source=" + rw + ",target=/m,readonly",
                "--mount", "type=tmpfs,target=/t,tmpfs-size=2m"),
                "cat /m/out; ! touch /m/x 2>/dev/null && grep ' /t ' /proc/mounts");
        assertThat(out).contains("written").contains("tmpfs /t tmpfs rw,nosuid,nodev,noexec,relatime,size=2048k");
        Docker.Result c = docker.run("create", "--name", "it-sec-binds", "-v", rw + ":/rw:ro", "--mount",
                "type=tmpfs,target=/t", "busybox", "true");
        assertThat(c.exitCode()).as(c.toString()).isZero();
        assertThat(inspect("it-sec-binds", "{{.HostConfig.Binds}} {{range .HostConfig.Mounts}}{{.Type}}:{{.Target}}{{end}}"))
                .isEqualTo("[" + rw + ":/rw:ro] tmpfs:/t");
        assertThat(inspect("it-sec-binds", "{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}} {{.Mode}} {{.RW}} "
                + "{{.Propagation}};{{end}}"))
                .isEqualTo("bind " + rw + " /rw ro false rprivate;tmpfs  /t  true ;");
        docker.run("rm", "it-sec-binds");
    }

    @Test
    void device_isCreatedAndUsable() throws Exception {
        String out = ok(List.of("--device", "/dev/fuse:/dev/myfuse:rw"),
                "exec 3<>/dev/myfuse && stat -c '%t,%T %F' /dev/myfuse");
        assertThat(out).isEqualTo("a,e5 character special file");
        Docker.Result denied = sh(List.of(), "mknod /tmp/fuse c 10 229 && exec 3<>/tmp/fuse");
        assertThat(denied.exitCode()).as("a node made inside is not usable without a --device rule").isNotZero();
        assertThat(denied.stderr()).contains("Operation not permitted");
        Docker.Result c = docker.run("create", "--name", "it-sec-dev", "--device", "/dev/null:/dev/mynull", "busybox", "true");
        assertThat(c.exitCode()).as(c.toString()).isZero();
        assertThat(inspect("it-sec-dev", "{{range .HostConfig.Devices}}{{.PathOnHost}}>{{.PathInContainer}}:{{.CgroupPermissions}}{{end}}"))
                .isEqualTo("/dev/null>/dev/mynull:rwm");
        docker.run("rm", "it-sec-dev");
    }

    @Test
    void init_runsTheCommandUnderDockerInit() throws Exception {
        String out = ok(List.of("--init"), "cat /proc/1/comm; tr '\\0' ' ' < /proc/1/cmdline");
        assertThat(out).startsWith("docker-init\n/sbin/docker-init -- sh -c");
        assertThat(ok(List.of(), "cat /proc/1/comm; true")).isEqualTo("sh");
        Docker.Result c = docker.run("create", "--name", "it-sec-init", "--init", "busybox", "true");
        assertThat(c.exitCode()).as(c.toString()).isZero();
        assertThat(inspect("it-sec-init", "{{.HostConfig.Init}}")).isEqualTo("true");
        docker.run("rm", "it-sec-init");
    }

    @Test
    void inspect_showsUserGroupsNamespacesHostnameAndWorkdir() throws Exception {
        try {
            Docker.Result hostNs = docker.run("run", "--name", "it-sec-inspect-host", "--user", "nobody:nobody",
                    "--group-add", "root", "--group-add", "4242", "--pid", "host", "--uts", "host", "--workdir", "/tmp",
                    "busybox", "pwd");
            assertThat(hostNs.exitCode()).as(hostNs.toString()).isZero();
            assertThat(hostNs.out()).isEqualTo("/tmp");
            assertThat(inspect("it-sec-inspect-host",
                    "{{.Config.User}}|{{json .HostConfig.GroupAdd}}|{{.HostConfig.PidMode}}|{{.HostConfig.UTSMode}}|{{.Config.WorkingDir}}"))
                    .isEqualTo("nobody:nobody|[\"root\",\"4242\"]|host|host|/tmp");
            Docker.Result named = docker.run("run", "--name", "it-sec-inspect-name", "--hostname", "web1", "busybox",
                    "hostname");
            assertThat(named.out()).isEqualTo("web1");
            assertThat(inspect("it-sec-inspect-name",
                    "{{.Config.Hostname}}|{{.Config.User}}|{{.HostConfig.PidMode}}|{{.HostConfig.UTSMode}}|{{.Config.WorkingDir}}"))
                    .as("the defaults").isEqualTo("web1||||");
        } finally {
            docker.run("rm", "-f", "it-sec-inspect-host", "it-sec-inspect-name");
        }
    }

    @Test
    void namespaces_pidAndUtsHostAndIpcOfAShareableContainer() throws Exception {
        String hostInit = Files.readString(Path.of("/proc/1/comm")).strip();
        assertThat(ok(List.of("--pid", "host"), "cat /proc/1/comm")).isEqualTo(hostInit);
        String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertThat(ok(List.of("--uts", "host"), "hostname")).isEqualTo(hostName);
        assertThat(ok(List.of("--hostname", "web1"), "hostname")).isEqualTo("web1");

        Docker.Result donor = docker.run("run", "-d", "--name", "it-sec-ipc", "--ipc", "shareable", "busybox",
                "sleep", "300");
        Docker.Result private_ = docker.run("run", "-d", "--name", "it-sec-noipc", "busybox", "sleep", "300");
        try {
            assertThat(donor.exitCode()).as(donor.toString()).isZero();
            String pid = inspect("it-sec-ipc", "{{.State.Pid}}");
            String donorIpc = Files.readSymbolicLink(Path.of("/proc", pid, "ns", "ipc")).toString();
            String out = ok(List.of("--ipc", "container:it-sec-ipc"), "readlink /proc/self/ns/ipc");
            assertThat(out).isEqualTo(donorIpc);
            String pidNs = Files.readSymbolicLink(Path.of("/proc", pid, "ns", "pid")).toString();
            assertThat(ok(List.of("--pid", "container:it-sec-ipc"), "readlink /proc/self/ns/pid")).isEqualTo(pidNs);
            assertThat(inspect("it-sec-ipc", "{{.HostConfig.IpcMode}}")).isEqualTo("shareable");
            // POSIX shared memory (/dev/shm) is shared along with the IPC namespace, as in Docker
            docker.run("exec", "it-sec-ipc", "sh", "-c", "echo shared > /dev/shm/seg");
            assertThat(ok(List.of("--ipc", "container:it-sec-ipc"), "cat /dev/shm/seg")).isEqualTo("shared");
            assertThat(ok(List.of(), "ls /dev/shm")).as("a private /dev/shm stays private").isEmpty();
            Docker.Result refused = sh(List.of("--ipc", "container:it-sec-noipc"), "true");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("non-shareable IPC");
            docker.run("stop", "-t", "0", "it-sec-noipc");
            Docker.Result stopped = sh(List.of("--pid", "container:it-sec-noipc"), "true");
            assertThat(stopped.exitCode()).isNotZero();
            assertThat(stopped.stderr()).contains("is not running");
        } finally {
            docker.run("rm", "-f", "it-sec-ipc", "it-sec-noipc");
        }
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                .as("the shareable /dev/shm goes with its container").noneMatch(l -> l.split(" ")[4].matches(".*/c/[0-9a-f]{64}/shm"));
    }

    @Test
    void addHostDnsSysctlAndUlimit() throws Exception {
        String out = ok(List.of("--add-host", "db.test:10.1.2.3", "--dns", "192.0.2.53", "--dns-search", "corp.test",
                "--dns-option", "ndots:3", "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmni=1234",
                "--ulimit", "nproc=100:200", "--ulimit", "nofile=1024:2048"),
                "grep db.test /etc/hosts; cat /etc/resolv.conf; cat /proc/sys/net/ipv4/ip_forward "
                        + "/proc/sys/kernel/shmmni; grep -E 'Max (processes|open files)' /proc/self/limits");
        assertThat(out).contains("10.1.2.3\tdb.test", "search corp.test", "nameserver 192.0.2.53", "options ndots:3")
                .containsPattern("\n1\n1234\n")
                .containsPattern("Max processes +100 +200")
                .containsPattern("Max open files +1024 +2048");
        Docker.Result c = docker.run("create", "--name", "it-sec-etc", "--add-host", "db.test:10.1.2.3", "--dns",
                "192.0.2.53", "--sysctl", "net.ipv4.ip_forward=1", "--ulimit", "nproc=100:200", "busybox", "true");
        assertThat(c.exitCode()).as(c.toString()).isZero();
        assertThat(inspect("it-sec-etc", "{{.HostConfig.ExtraHosts}} {{.HostConfig.Dns}} {{.HostConfig.Sysctls}} "
                + "{{range .HostConfig.Ulimits}}{{.Name}}={{.Soft}}:{{.Hard}}{{end}}"))
                .isEqualTo("[db.test:10.1.2.3] [192.0.2.53] map[net.ipv4.ip_forward:1] nproc=100:200");
        docker.run("rm", "it-sec-etc");
    }

    @Test
    void badInput_getsDockersErrorAndCreatesNothing() throws Exception {
        Path profile = Files.writeString(tmp.resolve("bad.json"), "{\"defaultAction\": 5}");
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--cap-add", "NOT_A_CAP"), "invalid CapAdd: unknown capability: \"CAP_NOT_A_CAP\"");
        cases.put(List.of("--security-opt", "foo=bar"), "invalid --security-opt 2: \"foo=bar\"");
        cases.put(List.of("-v", "/tmp:relative"), "invalid volume specification: '/tmp:relative'");
        cases.put(List.of("-v", "/tmp:/x:bogus"), "invalid mode: bogus");
        cases.put(List.of("--mount", "type=bind,source=/no/such/dir,target=/x"),
                "invalid mount config for type \"bind\": bind source path does not exist: /no/such/dir");
        cases.put(List.of("--tmpfs", "relative"), "invalid mount path: 'relative' mount path must be absolute");
        cases.put(List.of("--device", "/dev/no-such-device"),
                "error gathering device information while adding custom device \"/dev/no-such-device\": no such file or directory");
        cases.put(List.of("--network", "host", "--sysctl", "net.ipv4.ip_forward=1"), "not allowed in host network namespace");
        cases.put(List.of("--ipc", "bogus"), "invalid IPC mode: bogus");
        cases.put(List.of("--pid", "bogus"), "invalid PID mode"); // the CLI checks these two itself
        cases.put(List.of("--uts", "bogus"), "invalid UTS mode");
        cases.put(List.of("--security-opt", "seccomp=" + profile), "Decoding seccomp profile failed");
        int i = 0;
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            String name = "it-sec-bad-" + i++;
            List<String> args = new ArrayList<>(List.of("run", "--name", name));
            args.addAll(c.getKey());
            args.addAll(List.of("busybox", "true"));
            Docker.Result r = docker.run(args.toArray(String[]::new));
            // 125, or 127 when the message mentions a missing file (the CLI's reading of such errors)
            assertThat(r.exitCode()).as(c.getKey() + ": " + r).isIn(125, 127);
            assertThat(r.stderr()).as(c.getKey().toString()).contains(c.getValue());
            assertThat(docker.run("ps", "-aq", "--filter", "name=" + name).out()).as(c.getKey().toString()).isEmpty();
        }
    }

    /** CVE-2014-6408: an image whose config asks for privileges gets none of them. */
    @Test
    void imageConfig_cannotGrantItselfPrivilegesMountsOrDevices() throws Exception {
        String config = """
                {"architecture":"amd64","os":"linux",
                 "config":{"Cmd":["sh"],"Privileged":true,"CapAdd":["ALL"],"SecurityOpt":["seccomp=unconfined"],
                   "Binds":["/:/host"],"Devices":[{"PathOnHost":"/dev/mem","PathInContainer":"/dev/mem",
                   "CgroupPermissions":"rwm"}],"Volumes":{"/host":{}},
                   "HostConfig":{"Privileged":true,"CapAdd":["ALL"],"Binds":["/:/host"],
                     "SecurityOpt":["seccomp=unconfined"]},
                   "Labels":{"com.docker.security.privileged":"true","seccomp":"unconfined"}},
                 "rootfs":{"type":"layers","diff_ids":["DIFF"]},
                 "created":"2026-01-01T00:00:00Z","history":[{"created":"2026-01-01T00:00:00Z"}]}
                """;
        Path image = tmp.resolve("greedy.tar");
        Files.write(image, savedImage("it-greedy:v1", busyboxLayer(), config));
        Docker.Result load = docker.run("load", "-i", image.toString());
        assertThat(load.exitCode()).as(load.toString()).isZero();
        try {
            Docker.Result r = docker.run("run", "--rm", "it-greedy:v1", "sh", "-c",
                    "cat /proc/self/status; echo host: $(ls -A /host | wc -l); ls /dev/mem 2>&1; grep -c . /proc/mounts");
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(status(r.stdout(), "CapEff")).isEqualTo(DEFAULT_CAPS);
            assertThat(status(r.stdout(), "Seccomp")).isEqualTo("2");
            // The image's VOLUME /host is an empty anonymous volume, as in Docker: never the host's root.
            assertThat(r.stdout()).contains("host: 0\n", "ls: /dev/mem: No such file or directory");
            Docker.Result plain = docker.run("run", "--rm", "busybox", "grep", "-c", ".", "/proc/mounts");
            assertThat(r.stdout().strip()).endsWith("\n" + (Integer.parseInt(plain.out()) + 1));
        } finally {
            docker.run("rmi", "-f", "it-greedy:v1");
        }
    }

    private static byte[] busyboxLayer() throws IOException {
        Tars t = new Tars().dir("bin").dir("etc").dir("tmp").dir("proc").dir("sys").dir("dev")
                .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755);
        for (String applet : List.of("sh", "cat", "ls", "grep")) {
            t.symlink("bin/" + applet, "busybox");
        }
        return t.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n").bytes();
    }

    /** A docker-save archive with the given config JSON ("DIFF" is replaced by the layer's diff id). */
    private static byte[] savedImage(String tag, byte[] layer, String config) throws IOException {
        byte[] configBytes = config.replace("DIFF", "sha256:" + Tars.sha256(layer)).getBytes(StandardCharsets.UTF_8);
        String configName = Tars.sha256(configBytes) + ".json";
        String layerDir = Tars.sha256(layer);
        return new Tars().dir(layerDir)
                .file(configName, configBytes, 0644)
                .file(layerDir + "/layer.tar", layer, 0644)
                .file("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag
                        + "\"],\"Layers\":[\"" + layerDir + "/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8), 0644)
                .bytes();
    }
}
