package berth.api;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.fake.FakeContainerService;
import berth.api.fake.FakeImageService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Drives the server with the real docker CLI against in-memory fakes of the engine. */
@EnabledIf("dockerCliPresent")
class DockerApiServerCliTest {
    static final Path DOCKER = Path.of("/usr/local/bin/docker");

    static boolean dockerCliPresent() {
        return Files.isExecutable(DOCKER);
    }

    Path dir;
    Path socket;
    FakeImageService images;
    FakeContainerService containers;
    DockerApiServer server;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("berth-api-cli");
        socket = dir.resolve("run/docker.sock");
        images = new FakeImageService();
        containers = new FakeContainerService(images);
        images.add("img:latest", List.of("echo", "hi"));
        server = new DockerApiServer(new ApiContext(images, containers, TestInfo.info(dir, images, containers)));
        server.start(socket);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    DockerCli.Result docker(String... args) throws Exception {
        return dockerWithInput(null, args);
    }

    /** Runs the CLI with {@code input} on its stdin (then EOF), or /dev/null when it is null. */
    DockerCli.Result dockerWithInput(String input, String... args) throws Exception {
        return new DockerCli(socket, dir.resolve("cli-config")).runWithInput(input, args);
    }

    @Test
    void socket_isCreatedWithMode0660() throws Exception {
        assertThat(java.nio.file.Files.getPosixFilePermissions(socket))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
    }

    @Test
    void dockerVersion_showsServerVersionAndNegotiatedApi() throws Exception {
        DockerCli.Result r = docker("version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Client.APIVersion}}");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("0.1.0-test 1.56 1.50");
    }

    @Test
    void dockerInfo_printsDriverAndRoot() throws Exception {
        DockerCli.Result r = docker("info");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Storage Driver: overlay2").contains("Server Version: 0.1.0-test")
                .contains("Docker Root Dir: " + dir);
    }

    @Test
    void dockerImages_listsTheImage() throws Exception {
        DockerCli.Result r = docker("images");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("img").contains("latest");
    }

    @Test
    void dockerRmi_unknownImage_printsDockersErrorAndExits1() throws Exception {
        DockerCli.Result r = docker("rmi", "nope:1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error response from daemon: No such image: nope:1");
    }

    @Test
    void dockerRun_hijacksOutputAndReturnsExitCode() throws Exception {
        DockerCli.Result r = docker("run", "--rm", "img", "echo", "hi");
        assertThat(r.out()).isEqualTo("hi\n");
        assertThat(r.exit()).as(r.err()).isEqualTo(3);
    }

    @Test
    void dockerRun_unknownImage_endsWithReadableErrorAndExit125() throws Exception {
        DockerCli.Result r = docker("run", "--rm", "unknown:tag");
        assertThat(r.exit()).isEqualTo(125);
        assertThat(r.err()).contains("Unable to find image").contains("berth cannot pull");
    }

    @Test
    void dockerCreate_withPublishedPortsAndLinks_sendsThemToTheEngine() throws Exception {
        DockerCli.Result r = docker("create", "-p", "127.0.0.1:8080:80", "-p", "9999/udp", "-P", "--link", "db:d", "img");
        assertThat(r.exit()).as(r.err()).isZero();
        var spec = containers.created.getLast();
        assertThat(spec.hostConfig().portBindings()).containsExactlyInAnyOrder(
                new berth.network.PortBinding(80, "tcp", "127.0.0.1", 8080),
                new berth.network.PortBinding(9999, "udp", "", 0));
        assertThat(spec.hostConfig().publishAllPorts()).isTrue();
        assertThat(spec.hostConfig().links()).containsExactly("db:d");
        assertThat(spec.exposedPorts()).contains("80/tcp", "9999/udp");
    }

    @Test
    void dockerPsAll_showsNameCommandAndStatus() throws Exception {
        assertThat(docker("create", "--name", "web1", "img", "sleep", "9").exit()).isZero();
        DockerCli.Result r = docker("ps", "-a", "--no-trunc", "--format", "{{.Names}}|{{.Command}}|{{.Status}}|{{.Image}}");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("web1|\"sleep 9\"|Created|img");
    }

    @Test
    void dockerInspect_findsContainersThenImages() throws Exception {
        assertThat(docker("create", "--name", "web2", "img").exit()).isZero();
        DockerCli.Result c = docker("inspect", "--format", "{{.Name}} {{.State.Status}} {{.State.StartedAt}}", "web2");
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out().trim()).isEqualTo("/web2 created 0001-01-01T00:00:00Z");
        DockerCli.Result i = docker("inspect", "--format", "{{.RepoTags}} {{.GraphDriver.Name}} {{.Config.ExposedPorts}}", "img");
        assertThat(i.exit()).as(i.err()).isZero();
        assertThat(i.out().trim()).isEqualTo("[img:latest] overlay2 map[80/tcp:{}]");
    }

    @Test
    void dockerLogs_afterRun_replaysStdoutAndStderr() throws Exception {
        containers.errOutput = "oops\n";
        assertThat(docker("run", "--name", "logged", "img").exit()).isEqualTo(3);
        DockerCli.Result r = docker("logs", "logged");
        assertThat(r.out()).isEqualTo("hi\n");
        assertThat(r.err()).isEqualTo("oops\n");
    }

    @Test
    void dockerRunInteractive_deliversStdinAndHalfCloseKeepsOutput() throws Exception {
        containers.keepRunning = false;
        List<String> cmd = List.of(DOCKER.toString(), "-H", "unix://" + socket, "run", "-i", "--rm", "img", "cat");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DOCKER_CONFIG", dir.resolve("cli-config").toString());
        Process p = pb.start();
        p.getOutputStream().write("hello stdin\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        assertThat(p.exitValue()).isEqualTo(3);
    }

    private void runningContainer(String name) throws Exception {
        containers.keepRunning = true;
        DockerCli.Result r = docker("run", "-d", "--name", name, "img");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void dockerExec_printsStdoutAndStderrApartAndExitsWithTheExitCode() throws Exception {
        runningContainer("box1");
        containers.execOutput = "out line\n";
        containers.execErrOutput = "err line\n";
        DockerCli.Result r = docker("exec", "-e", "A=1", "-w", "/tmp", "box1", "ls", "-l");
        assertThat(r.out()).isEqualTo("out line\n");
        assertThat(r.err()).isEqualTo("err line\n");
        assertThat(r.exit()).isEqualTo(3);
        var spec = containers.execsCreated.getFirst();
        assertThat(spec.cmd()).containsExactly("ls", "-l");
        assertThat(spec.env()).containsExactly("A=1");
        assertThat(spec.workingDir()).contains("/tmp");
        assertThat(spec.attachStdin()).isFalse();
    }

    @Test
    void dockerExecInteractive_deliversStdinAndOutputOutlivesItsEof() throws Exception {
        runningContainer("box2");
        DockerCli.Result r = dockerWithInput("data\nmore data\n", "exec", "-i", "box2", "cat");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("data\nmore data\n");
        assertThat(containers.execsCreated.getFirst().attachStdin()).isTrue();
    }

    @Test
    void dockerExecDetached_returnsWhileTheProcessStillRuns() throws Exception {
        runningContainer("box3");
        containers.execGate = new java.util.concurrent.CountDownLatch(1);
        DockerCli.Result r;
        try {
            r = docker("exec", "-d", "box3", "ls");
        } finally {
            containers.execGate.countDown();
        }
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        var spec = containers.execsCreated.getFirst();
        assertThat(spec.attachStdout()).isFalse();
        assertThat(spec.attachStderr()).isFalse();
    }

    @Test
    void dockerExec_unknownContainer_printsNoSuchContainerAndExits1() throws Exception {
        DockerCli.Result r = docker("exec", "nope", "ls");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("No such container: nope");
    }

    @Test
    void dockerExec_stoppedContainer_printsNotRunning() throws Exception {
        assertThat(docker("create", "--name", "idle", "img").exit()).isZero();
        DockerCli.Result r = docker("exec", "idle", "ls");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("is not running");
    }

    @Test
    void dockerPauseUnpause_printNamesAndPsShowsPaused() throws Exception {
        runningContainer("frozen1");
        DockerCli.Result p = docker("pause", "frozen1");
        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.out()).isEqualTo("frozen1\n");

        DockerCli.Result ps = docker("ps", "--format", "{{.Names}}|{{.State}}|{{.Status}}");
        assertThat(ps.out().trim()).matches("frozen1\\|paused\\|Up .+ \\(Paused\\)");
        DockerCli.Result inspect = docker("inspect", "--format", "{{.State.Status}} {{.State.Running}} {{.State.Paused}}", "frozen1");
        assertThat(inspect.out().trim()).isEqualTo("paused true true");

        DockerCli.Result again = docker("pause", "frozen1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("Error response from daemon: Container ").contains(" is already paused");

        DockerCli.Result u = docker("unpause", "frozen1");
        assertThat(u.exit()).as(u.err()).isZero();
        assertThat(u.out()).isEqualTo("frozen1\n");
        assertThat(docker("inspect", "--format", "{{.State.Status}} {{.State.Paused}}", "frozen1").out().trim())
                .isEqualTo("running false");
    }

    @Test
    void dockerPause_ofSeveral_printsTheGoodOnesAndTheErrorsAndExits1() throws Exception {
        runningContainer("frozen2");
        DockerCli.Result r = docker("pause", "frozen2", "nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("frozen2\n");
        assertThat(r.err()).contains("Error response from daemon: No such container: nope");
    }

    @Test
    void dockerRestart_printsTheNameAndTheContainerRunsAgain() throws Exception {
        runningContainer("again1");
        DockerCli.Result r = docker("restart", "-t", "1", "again1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("again1\n");
        assertThat(containers.inspect("again1").state().running()).isTrue();
    }

    @Test
    void dockerRestart_unknownContainer_exits1WithDaemonError() throws Exception {
        DockerCli.Result r = docker("restart", "nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error response from daemon: No such container: nope");
    }

    @Test
    void dockerRename_renamesSilently() throws Exception {
        assertThat(docker("create", "--name", "before1", "img").exit()).isZero();
        DockerCli.Result r = docker("rename", "before1", "after1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(docker("ps", "-a", "--format", "{{.Names}}").out().trim()).isEqualTo("after1");
    }

    @Test
    void dockerRename_toATakenName_printsTheConflict() throws Exception {
        assertThat(docker("create", "--name", "one1", "img").exit()).isZero();
        assertThat(docker("create", "--name", "two2", "img").exit()).isZero();
        DockerCli.Result r = docker("rename", "one1", "two2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error response from daemon: Conflict. The container name \"/two2\" is already in use")
                .contains("Error: failed to rename container named one1");
    }

    @Test
    void dockerTop_printsTheTitlesAsATableAndSendsPsArgs() throws Exception {
        containers.keepRunning = true;
        assertThat(docker("run", "-d", "--name", "busy1", "img", "sleep", "60").exit()).isZero();
        DockerCli.Result r = docker("top", "busy1", "-o", "pid,comm");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(containers.lastPsArgs).isEqualTo("-o pid,comm");
        assertThat(r.out()).isEqualTo(TOP_TABLE);
    }

    /** What docker 28's CLI printed for the fake's one-process top; berth's CLI test expects the same bytes. */
    static final String TOP_TABLE = """
            UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
            root                4242                4200                0                   10:00               ?                   00:00:00            sleep 60
            """;
}
