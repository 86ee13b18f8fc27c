package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Execs through the container's exec agent (every exec without a TTY or --privileged) have exactly
 * the isolation of a {@code runc exec}: compared with the container's pid 1 and with a TTY exec,
 * which still goes through runc. And the agent binary, run from a sealed memfd, cannot be written.
 */
@ExtendWith(SharedDaemon.class)
class ExecAgentTest {
    /** The isolation a process shows in /proc: capabilities, seccomp, no_new_privs, namespaces, cgroup. */
    private static final String ISOLATION = "grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|Seccomp|NoNewPrivs):' /proc/%s/status;"
            + " for n in cgroup ipc mnt net pid uts; do echo $n $(readlink /proc/%s/ns/$n); done; cat /proc/%s/cgroup";

    private Docker docker;
    private String name;

    @BeforeEach
    void setUp(DaemonHarness daemon, TestInfo info) throws Exception {
        docker = new Docker(daemon);
        name = "it-agent-" + Math.abs(info.getTestMethod().orElseThrow().getName().hashCode() % 10000);
    }

    @AfterEach
    void tearDown() throws Exception {
        docker.run("rm", "-f", name);
    }

    private void runContainer(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(options));
        args.addAll(List.of("busybox", "sleep", "600"));
        Docker.Result r = docker.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    private String isolation(String pid, String... execOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("exec"));
        args.addAll(List.of(execOptions));
        args.addAll(List.of(name, "sh", "-c", ISOLATION.formatted(pid, pid, pid)));
        Docker.Result r = docker.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.stdout().replace("\r", "");
    }

    @Test
    void rootExec_hasTheIsolationOfPid1AndOfARuncExec() throws Exception {
        runContainer();
        String viaAgent = isolation("self");
        assertThat(viaAgent).contains("Seccomp:\t2", "NoNewPrivs:\t0", "CapEff:\t00000000a80425fb", "pid pid:[");
        assertThat(viaAgent).isEqualTo(isolation("1"));
        assertThat(viaAgent).isEqualTo(isolation("self", "-t")); // a TTY exec is a runc exec
    }

    @Test
    void execWorksInAContainerWithoutCapabilities() throws Exception {
        // the agent cannot switch users without CAP_SETUID/CAP_SETGID: such execs go through runc exec
        runContainer("--cap-drop", "ALL");
        Docker.Result root = docker.run("exec", name, "sh", "-c", "id -u; grep CapEff /proc/self/status");
        assertThat(root.exitCode()).as(root.toString()).isZero();
        assertThat(root.stdout()).isEqualTo("0\nCapEff:\t0000000000000000\n");
        Docker.Result nobody = docker.run("exec", "-u", "65534", name, "id", "-u");
        assertThat(nobody.exitCode()).as(nobody.toString()).isZero();
        assertThat(nobody.out()).isEqualTo("65534");
    }

    @Test
    void nonRootExec_dropsCapabilitiesAsARuncExecDoes() throws Exception {
        runContainer("--security-opt", "no-new-privileges");
        String viaAgent = isolation("self", "-u", "1000");
        assertThat(viaAgent).contains("CapEff:\t0000000000000000", "CapPrm:\t0000000000000000",
                "CapBnd:\t00000000a80425fb", "NoNewPrivs:\t1", "Seccomp:\t2");
        assertThat(viaAgent).isEqualTo(isolation("self", "-t", "-u", "1000"));
        String pid1 = isolation("1");
        assertThat(viaAgent.lines().filter(l -> !l.startsWith("Cap")).toList())
                .isEqualTo(pid1.lines().filter(l -> !l.startsWith("Cap")).toList());
        Docker.Result id = docker.run("exec", "-u", "1000:1000", name, "sh", "-c", "id; echo $HOME");
        // the primary group is a supplementary one too, as in Docker's exec (moby's getUser, as for run)
        assertThat(id.stdout()).isEqualTo("uid=1000 gid=1000 groups=1000\n/\n");
        Docker.Result idViaRunc = docker.run("exec", "-t", "-u", "1000:1000", name, "sh", "-c", "id; echo $HOME");
        assertThat(idViaRunc.stdout().replace("\r", "")).isEqualTo(id.stdout());
        Docker.Result groups = docker.run("exec", "-u", "nobody", name, "id");
        assertThat(groups.stdout()).isEqualTo(docker.run("exec", "-t", "-u", "nobody", name, "id").stdout()
                .replace("\r", ""));
    }

    @Test
    void exec_runsCommandsWithTheirStreamsExitCodesDirectoryAndEnvironment() throws Exception {
        runContainer("-e", "FROM_RUN=yes");
        Docker.Result ok = docker.run("exec", "-w", "/tmp", "-e", "X=1", name, "sh", "-c",
                "pwd; echo $X $FROM_RUN $HOME; echo oops >&2");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("/tmp\n1 yes /root\n");
        assertThat(ok.stderr()).isEqualTo("oops\n");
        assertThat(docker.run("exec", name, "sh", "-c", "exit 3").exitCode()).isEqualTo(3);
        assertThat(docker.run("exec", name, "sh", "-c", "kill -9 $$").exitCode()).isEqualTo(137);
        Docker.Result notFound = docker.run("exec", name, "no-such-command");
        assertThat(notFound.exitCode()).isEqualTo(127);
        assertThat(notFound.stdout() + notFound.stderr()).contains(
                "exec: \"no-such-command\": executable file not found in $PATH");
        Docker.Result notExecutable = docker.run("exec", name, "/etc/passwd");
        assertThat(notExecutable.exitCode()).isEqualTo(126);
        assertThat(notExecutable.stdout() + notExecutable.stderr()).contains("exec: \"/etc/passwd\": permission denied");
        Docker.Result badDir = docker.run("exec", "-w", "/no/such/dir", name, "true");
        assertThat(badDir.exitCode()).isEqualTo(127);
        assertThat(badDir.stdout() + badDir.stderr()).contains("chdir to cwd (\"/no/such/dir\")");
        Docker.Result in = docker.runWithInput("a\nb\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "exec", "-i", name, "wc", "-l");
        assertThat(in.stdout().strip()).isEqualTo("2");
    }

    @Test
    void agentBinary_cannotBeWrittenFromTheContainerAndTopLeavesItOut() throws Exception {
        runContainer();
        assertThat(docker.run("exec", name, "true").exitCode()).isZero(); // the first exec starts the agent
        String findAgent = "for p in /proc/[0-9]*; do [ \"$(cat $p/cmdline)\" = /proc/self/fd/3 ] && echo ${p#/proc/}; done";
        Docker.Result found = docker.run("exec", name, "sh", "-c", findAgent);
        String agentPid = found.stdout().strip();
        assertThat(agentPid).as(found.toString()).matches("[0-9]+");
        Docker.Result write = docker.run("exec", name, "sh", "-c",
                "echo x >> /proc/" + agentPid + "/exe && echo WRITTEN; printf x | dd of=/proc/" + agentPid
                        + "/exe conv=notrunc 2>&1 && echo WRITTEN; head -c 4 /proc/" + agentPid + "/exe | od -c | head -1");
        assertThat(write.stdout()).doesNotContain("WRITTEN").contains("177   E   L   F");
        assertThat(docker.run("exec", name, "true").exitCode()).isZero();
        Docker.Result top = docker.run("top", name);
        assertThat(top.exitCode()).as(top.toString()).isZero();
        assertThat(top.stdout()).contains("sleep 600").doesNotContain("/proc/self/fd/3");
    }
}
