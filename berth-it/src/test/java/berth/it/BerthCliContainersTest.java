package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * berth's own CLI for the container verbs beyond run/ps: create/run flags, exec, attach, cp,
 * export, diff, port, stats, update and events, judged by what the daemon reports back (inspect)
 * and by docker's output and exit codes.
 */
@ExtendWith(SharedDaemon.class)
class BerthCliContainersTest {
    private Docker berth;
    private final List<String> made = new ArrayList<>();

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        berth = Docker.berth(daemon);
    }

    @AfterEach
    void removeContainers() throws Exception {
        if (!made.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(made);
            berth.run(args.toArray(String[]::new));
        }
    }

    private String name(String n) {
        made.add(n);
        return n;
    }

    private String inspect(String container, String format) throws Exception {
        Docker.Result r = berth.run("inspect", "-f", format, container);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void createFlags_reachTheDaemonAsDockerSendsThem() throws Exception {
        String c = name("cli-flags");
        Docker.Result r = berth.run("create", "--name", c, "-m", "64m", "--memory-swap", "128m", "--cpus", "0.5",
                "-c", "512", "--pids-limit", "50", "--ulimit", "nofile=100:200", "--shm-size", "32m",
                "--cap-add", "net_admin", "--cap-drop", "MKNOD", "--read-only", "--tmpfs", "/run:size=1m",
                "--add-host", "foo:1.2.3.4", "--dns", "9.9.9.9", "--sysctl", "net.ipv4.ip_forward=1",
                "--restart", "on-failure:2", "--health-cmd", "true", "--health-interval", "1m30s",
                "--stop-signal", "SIGUSR1", "--stop-timeout", "7", "busybox", "sleep", "60");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(inspect(c, "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} "
                + "{{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}} {{.HostConfig.ShmSize}}"))
                .isEqualTo("67108864 134217728 500000000 512 50 33554432");
        assertThat(inspect(c, "{{range .HostConfig.Ulimits}}{{.Name}}={{.Soft}}:{{.Hard}}{{end}}")).isEqualTo("nofile=100:200");
        assertThat(inspect(c, "{{.HostConfig.CapAdd}} {{.HostConfig.CapDrop}} {{.HostConfig.ReadonlyRootfs}}"))
                .isEqualTo("[CAP_NET_ADMIN] [CAP_MKNOD] true");
        assertThat(inspect(c, "{{.HostConfig.ExtraHosts}} {{.HostConfig.Dns}} {{.HostConfig.RestartPolicy.Name}}:"
                + "{{.HostConfig.RestartPolicy.MaximumRetryCount}}")).isEqualTo("[foo:1.2.3.4] [9.9.9.9] on-failure:2");
        assertThat(inspect(c, "{{.Config.Healthcheck.Test}} {{.Config.Healthcheck.Interval}}"))
                .isEqualTo("[CMD-SHELL true] 90000000000");
        assertThat(inspect(c, "{{.Config.StopSignal}} {{.Config.StopTimeout}}")).isEqualTo("SIGUSR1 7");
    }

    @Test
    void badFlagValues_exit125WithDockersMessage_andCreateNothing() throws Exception {
        String c = name("cli-bad");
        Docker.Result mem = berth.run("run", "--name", c, "-m", "64x", "busybox", "true");
        assertThat(mem.exitCode()).isEqualTo(125);
        assertThat(mem.stderr()).contains("invalid argument \"64x\" for \"-m, --memory\" flag: invalid suffix: 'x'");
        Docker.Result mount = berth.run("run", "--name", c, "--mount", "type=bind,source=/tmp", "busybox", "true");
        assertThat(mount.exitCode()).isEqualTo(125);
        assertThat(mount.stderr()).contains("target is required");
        Docker.Result restart = berth.run("run", "--name", c, "--restart", "on-failure:x", "busybox", "true");
        assertThat(restart.exitCode()).isEqualTo(125);
        assertThat(restart.stderr()).contains("maximum retry count must be an integer");
        Docker.Result env = berth.run("run", "--name", c, "--env-file", "/nonexistent/env", "busybox", "true");
        assertThat(env.exitCode()).isEqualTo(125);
        assertThat(env.stderr()).contains("open /nonexistent/env: no such file or directory");
        assertThat(berth.run("ps", "-a", "-q", "--filter", "name=cli-bad").out()).isEmpty();
    }

    @Test
    void run_readsEnvFilesAndUlimits(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("env.list");
        Files.writeString(env, "# comment\nA=from file\nB=2\n");
        Docker.Result r = berth.run("run", "--rm", "--env-file", env.toString(), "-e", "B=3", "--ulimit", "nofile=123:456",
                "busybox", "sh", "-c", "echo \"$A/$B/$(ulimit -n)\"");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("from file/3/123");
    }

    @Test
    void exec_runsInTheContainer_withDockersFlagsAndExitCode(@TempDir Path dir) throws Exception {
        String c = name("cli-exec");
        assertThat(berth.run("run", "-d", "--name", c, "busybox", "sleep", "300").exitCode()).isZero();
        assertThat(berth.run("exec", c, "echo", "hi").stdout()).isEqualTo("hi\n");
        assertThat(berth.run("exec", c, "sh", "-c", "exit 7").exitCode()).isEqualTo(7);
        Path env = dir.resolve("e");
        Files.writeString(env, "F=file\n");
        Docker.Result flags = berth.run("exec", "-e", "A=1", "--env-file", env.toString(), "-w", "/tmp", "-u", "nobody", c,
                "sh", "-c", "echo $A $F $(pwd) $(id -u)");
        assertThat(flags.out()).as(flags.toString()).isEqualTo("1 file /tmp 65534");
        Docker.Result in = berth.runWithInput("typed\n".getBytes(StandardCharsets.UTF_8), "exec", "-i", c, "cat");
        assertThat(in.stdout()).as(in.toString()).isEqualTo("typed\n");
        assertThat(berth.run("exec", "-d", c, "touch", "/tmp/detached").exitCode()).isZero();
        Docker.Result missing = berth.run("exec", "no-such-container-x", "true");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("No such container");
        Docker.Result noCmd = berth.run("exec", c);
        assertThat(noCmd.exitCode()).isEqualTo(1);
        assertThat(noCmd.stderr()).contains("requires at least 2 arguments");
    }

    @Test
    void exec_withTtyButNoTerminal_isRefusedAsDocker() throws Exception {
        String c = name("cli-exec-tty");
        berth.run("run", "-d", "--name", c, "busybox", "sleep", "300");
        Docker.Result r = berth.runWithInput(new byte[0], "exec", "-it", c, "sh");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("the input device is not a TTY");
    }

    @Test
    void attach_followsOutputAndReturnsTheExitCode() throws Exception {
        String c = name("cli-attach");
        assertThat(berth.run("run", "-d", "--name", c, "busybox", "sh", "-c", "sleep 3; echo attached; exit 3").exitCode()).isZero();
        Docker.Result r = berth.run("attach", "--no-stdin", c);
        assertThat(r.stdout()).as(r.toString()).isEqualTo("attached\n");
        assertThat(r.exitCode()).isEqualTo(3);
        Docker.Result stopped = berth.run("attach", c);
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.stderr()).contains("You cannot attach to a stopped container, start it first");
    }

    @Test
    void port_withNothingPublished_printsNothing_orDockersError() throws Exception {
        String c = name("cli-port");
        berth.run("run", "-d", "--name", c, "busybox", "sleep", "300");
        Docker.Result all = berth.run("port", c);
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.stdout()).isEmpty();
        Docker.Result one = berth.run("port", c, "80");
        assertThat(one.exitCode()).isEqualTo(1);
        assertThat(one.stderr()).contains("No public port '80/tcp' published for " + c);
    }

    @Test
    void cp_copiesBothWaysAndStreamsTar(@TempDir Path dir) throws Exception {
        String c = name("cli-cp");
        berth.run("run", "-d", "--name", c, "busybox", "sleep", "300");
        Path file = dir.resolve("up.txt");
        Files.writeString(file, "uploaded\n");
        Docker.Result up = berth.run("cp", file.toString(), c + ":/tmp/");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(berth.run("exec", c, "cat", "/tmp/up.txt").stdout()).isEqualTo("uploaded\n");
        assertThat(berth.run("cp", file.toString(), c + ":/tmp/renamed.txt").exitCode()).isZero();
        assertThat(berth.run("exec", c, "cat", "/tmp/renamed.txt").stdout()).isEqualTo("uploaded\n");

        berth.run("exec", c, "sh", "-c", "mkdir -p /data/sub && echo deep > /data/sub/f");
        Docker.Result down = berth.run("cp", c + ":/data", dir.resolve("got").toString());
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(Files.readString(dir.resolve("got/sub/f"))).isEqualTo("deep\n");
        Files.createDirectories(dir.resolve("into"));
        assertThat(berth.run("cp", c + ":/data/sub/f", dir.resolve("into").toString()).exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("into/f"))).isEqualTo("deep\n");

        Docker.Result tar = berth.run("cp", c + ":/data/sub/f", "-");
        assertThat(tar.exitCode()).isZero();
        assertThat(tar.stdout()).contains("deep"); // a tar holding the file

        Docker.Result both = berth.run("cp", "a:/x", "b:/y");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.stderr()).contains("copying between containers is not supported");
        Docker.Result none = berth.run("cp", "/a", "/b");
        assertThat(none.stderr()).contains("must specify at least one container source");
    }

    @Test
    void exportAndDiff_showTheContainersFilesystem(@TempDir Path dir) throws Exception {
        String c = name("cli-export");
        berth.run("run", "--name", c, "busybox", "sh", "-c", "echo x > /tmp/new-file; rm /bin/true");
        Docker.Result diff = berth.run("diff", c);
        assertThat(diff.exitCode()).as(diff.toString()).isZero();
        assertThat(diff.stdout().lines()).contains("C /tmp", "A /tmp/new-file", "D /bin/true");
        Path out = dir.resolve("fs.tar");
        Docker.Result export = berth.run("export", "-o", out.toString(), c);
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(Files.size(out)).isGreaterThan(100_000);
        assertThat(tarNames(out)).contains("tmp/new-file", "bin/sh");
    }

    @Test
    void stats_noStream_printsDockersColumns() throws Exception {
        String c = name("cli-stats");
        berth.run("run", "-d", "--name", c, "busybox", "sleep", "300");
        Docker.Result r = berth.run("stats", "--no-stream", c);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().findFirst().orElseThrow())
                .matches("CONTAINER ID +NAME +CPU % +MEM USAGE / LIMIT +MEM % +NET I/O +BLOCK I/O +PIDS");
        assertThat(r.stdout().lines().skip(1).findFirst().orElseThrow()).contains(c).matches(".*\\d+\\.\\d\\d% .*");
        Docker.Result fmt = berth.run("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", c);
        assertThat(fmt.out()).isEqualTo(c + " 1");
    }

    @Test
    void update_changesResourcesAndRestartPolicy() throws Exception {
        String c = name("cli-update");
        berth.run("run", "-d", "--name", c, "-m", "64m", "busybox", "sleep", "300");
        Docker.Result r = berth.run("update", "-m", "96m", "--memory-swap", "192m", "--restart", "always", c);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo(c);
        assertThat(inspect(c, "{{.HostConfig.Memory}} {{.HostConfig.RestartPolicy.Name}}")).isEqualTo("100663296 always");
        Docker.Result none = berth.run("update", c);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).contains("you must provide one or more flags when using this command");
    }

    @Test
    void events_streamsContainerEventsBetweenSinceAndUntil() throws Exception {
        long start = System.currentTimeMillis() / 1000 - 1;
        String c = name("cli-events");
        berth.run("run", "--name", c, "busybox", "true");
        long end = System.currentTimeMillis() / 1000 + 1;
        Docker.Result r = berth.run("events", "--since", Long.toString(start), "--until", Long.toString(end),
                "--filter", "container=" + c, "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines()).contains("container create " + c, "container start " + c, "container die " + c);
    }

    /** Entry names of a tar file, read with the tar the machine has (busybox-static is installed). */
    private static List<String> tarNames(Path tar) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tar", "-tf", tar.toString()).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        p.waitFor(60, TimeUnit.SECONDS);
        return out.join().lines().map(l -> l.startsWith("./") ? l.substring(2) : l).toList();
    }
}
