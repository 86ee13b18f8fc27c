package berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which signal stop, restart and kill send, through the real docker CLI: the container traps it and
 * says so in its log. A busybox sh as PID 1 without a trap ignores TERM, so a wrong signal shows as a
 * KILL (137) after the timeout instead of the trap's line and exit 0.
 */
@ExtendWith(SharedDaemon.class)
class StopSignalTest {
    @TempDir
    Path tmp;
    private Docker docker;

    @BeforeEach
    void setUp(DaemonHarness daemon) {
        this.docker = new Docker(daemon);
    }

    /** A shell that reports {@code signal} and exits 0 on it, and says "ready" once the trap is set. */
    private static String trapping(String signal) {
        return "trap 'echo got " + signal + "; exit 0' " + signal + "; echo ready; while :; do sleep 0.1; done";
    }

    @Test
    void stop_sendsTheStopSignalFlag() throws Exception {
        try {
            run("--name", "it-stopsig-flag", "--stop-signal", "USR1", "busybox", "sh", "-c", trapping("USR1"));
            assertThat(inspect("it-stopsig-flag", "{{.Config.StopSignal}}")).isEqualTo("USR1");
            assertThat(docker.run("stop", "-t", "30", "it-stopsig-flag").exitCode()).isZero();
            assertThat(inspect("it-stopsig-flag", "{{.State.ExitCode}}")).isEqualTo("0");
            assertThat(docker.run("logs", "it-stopsig-flag").stdout()).isEqualTo("ready\ngot USR1\n");
        } finally {
            docker.run("rm", "-f", "it-stopsig-flag");
        }
    }

    @Test
    void stop_sendsTheImagesStopSignal() throws Exception {
        Path tar = tmp.resolve("rootfs.tar");
        try {
            assertThat(docker.run("create", "--name", "it-stopsig-src", "busybox").exitCode()).isZero();
            Docker.Result export = docker.run("export", "-o", tar.toString(), "it-stopsig-src");
            assertThat(export.exitCode()).as(export.toString()).isZero();
            Docker.Result imported = docker.run("import", "--change", "STOPSIGNAL SIGUSR2", tar.toString(),
                    "it-stopsig-image:1");
            assertThat(imported.exitCode()).as(imported.toString()).isZero();
            assertThat(docker.run("image", "inspect", "-f", "{{.Config.StopSignal}}", "it-stopsig-image:1").out())
                    .isEqualTo("SIGUSR2");

            run("--name", "it-stopsig-img", "it-stopsig-image:1", "sh", "-c", trapping("USR2"));
            assertThat(inspect("it-stopsig-img", "{{.Config.StopSignal}}")).isEqualTo("SIGUSR2");
            assertThat(docker.run("stop", "-t", "30", "it-stopsig-img").exitCode()).isZero();
            assertThat(inspect("it-stopsig-img", "{{.State.ExitCode}}")).isEqualTo("0");
            assertThat(docker.run("logs", "it-stopsig-img").stdout()).isEqualTo("ready\ngot USR2\n");
        } finally {
            docker.run("rm", "-f", "it-stopsig-src", "it-stopsig-img");
            docker.run("rmi", "it-stopsig-image:1");
            Files.deleteIfExists(tar);
        }
    }

    @Test
    void stop_sendsTermFirstAndKillOnlyAfterTheTimeout() throws Exception {
        try {
            run("--name", "it-stopsig-term", "busybox", "sh", "-c",
                    "trap 'echo got TERM' TERM; echo ready; while :; do sleep 0.1; done");
            Docker.Result stop = docker.run("stop", "-t", "1", "it-stopsig-term");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            assertThat(inspect("it-stopsig-term", "{{.State.ExitCode}}")).as("killed after -t").isEqualTo("137");
            assertThat(docker.run("logs", "it-stopsig-term").stdout()).as("TERM came first")
                    .isEqualTo("ready\ngot TERM\n");
        } finally {
            docker.run("rm", "-f", "it-stopsig-term");
        }
    }

    @Test
    void stopAndRestart_withSignal_sendItInsteadOfTheStopSignal() throws Exception {
        try {
            run("--name", "it-stopsig-opt", "busybox", "sh", "-c", trapping("USR1"));
            Docker.Result stop = docker.run("stop", "--signal", "USR1", "-t", "30", "it-stopsig-opt");
            assertThat(stop.exitCode()).as(stop.toString()).isZero();
            assertThat(inspect("it-stopsig-opt", "{{.State.ExitCode}}")).isEqualTo("0");
            assertThat(docker.run("logs", "it-stopsig-opt").stdout()).isEqualTo("ready\ngot USR1\n");

            docker.run("start", "it-stopsig-opt");
            awaitLog("it-stopsig-opt", "ready\ngot USR1\nready\n");
            Docker.Result restart = docker.run("restart", "--signal", "SIGUSR1", "-t", "30", "it-stopsig-opt");
            assertThat(restart.exitCode()).as(restart.toString()).isZero();
            assertThat(inspect("it-stopsig-opt", "{{.State.Status}}")).isEqualTo("running");
            assertThat(awaitLog("it-stopsig-opt", "ready\ngot USR1\nready\ngot USR1\nready\n"))
                    .isEqualTo("ready\ngot USR1\nready\ngot USR1\nready\n");

            Docker.Result bad = docker.run("stop", "--signal", "NOPE", "it-stopsig-opt");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.stderr()).contains("Invalid signal: NOPE");
            assertThat(inspect("it-stopsig-opt", "{{.State.Status}}")).isEqualTo("running");
        } finally {
            docker.run("rm", "-f", "it-stopsig-opt");
        }
    }

    @Test
    void kill_takesASignalByNumber() throws Exception {
        try {
            run("--name", "it-kill-number", "busybox", "sh", "-c", trapping("USR1"));
            Docker.Result kill = docker.run("kill", "-s", "10", "it-kill-number");
            assertThat(kill.exitCode()).as(kill.toString()).isZero();
            assertThat(docker.run("wait", "it-kill-number").out()).isEqualTo("0");
            assertThat(docker.run("logs", "it-kill-number").stdout()).isEqualTo("ready\ngot USR1\n");
        } finally {
            docker.run("rm", "-f", "it-kill-number");
        }
    }

    /** {@code docker run -d args...}, then waits until its trap is set ("ready" in its log). */
    private void run(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = "-d";
        System.arraycopy(args, 0, all, 2, args.length);
        Docker.Result r = docker.run(all);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(awaitLog(args[1], "ready\n")).isEqualTo("ready\n");
    }

    /** Polls the log until it is {@code wanted}; returns the last log seen. */
    private String awaitLog(String name, String wanted) throws Exception {
        String log = "";
        for (int i = 0; i < 300 && !log.equals(wanted); i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            log = docker.run("logs", name).stdout();
        }
        return log;
    }

    private String inspect(String name, String format) throws Exception {
        Docker.Result r = docker.run("inspect", "-f", format, name);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r.out();
    }
}
