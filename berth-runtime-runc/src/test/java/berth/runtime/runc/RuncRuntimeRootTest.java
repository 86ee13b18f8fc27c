package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.runtime.ContainerRuntime;
import berth.runtime.ExitStatus;
import berth.container.HostConfig;
import berth.runtime.RuntimeSpec;
import berth.runtime.StartedProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs real containers through conmon and runc, with no image store: the rootfs is a directory
 * with the host's static busybox. Needs root, /usr/sbin/runc, /usr/bin/conmon and /bin/busybox.
 */
@Tag("root")
class RuncRuntimeRootTest {
    private static final Path RUNC = Path.of("/usr/sbin/runc");
    private static final Path CONMON = Path.of("/usr/bin/conmon");
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private static Path execRoot;
    private static Path work;
    private static Path rootfs;
    private static RuncRuntime runtime;
    private final List<String> started = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RUNC) && Files.isExecutable(CONMON) && Files.isExecutable(BUSYBOX),
                "needs runc, conmon and busybox");
        execRoot = Files.createTempDirectory(Path.of("/run"), "brt");
        work = Files.createTempDirectory("berth-runc-test");
        rootfs = Files.createDirectories(work.resolve("rootfs"));
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String tool : List.of("sh", "echo", "cat", "true", "sleep", "id")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("busybox"));
        }
        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\nstaff:x:50:nobody\n");
        Files.writeString(rootfs.resolve("etc/not-executable"), "data");
        runtime = new RuncRuntime(RUNC, CONMON, execRoot, execRoot.resolve("runc"));
    }

    @AfterEach
    void deleteContainers() {
        for (String id : started) {
            try {
                runtime.delete(id);
            } catch (BerthException e) {
                // reported by the test that failed
            }
        }
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (runtime != null) {
            runtime.close();
        }
        deleteTree(work);
        deleteTree(execRoot);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private RuntimeSpec spec(List<String> args, boolean stdin) throws IOException {
        return spec(args, stdin, "");
    }

    private RuntimeSpec spec(List<String> args, boolean stdin, String user) throws IOException {
        byte[] raw = new byte[32];
        ThreadLocalRandom.current().nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        Path bundle = Files.createDirectories(work.resolve("b-" + id.substring(0, 12)));
        started.add(id);
        return new RuntimeSpec(id, bundle, rootfs, args, List.of("PATH=/bin"), "/", user, "", false,
                Map.of(), bundle.resolve("ctr.log"), stdin, false, Optional.empty(), HostConfig.DEFAULT, Map.of());
    }

    private static String stdout(RuntimeSpec spec) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (LogSource log = runtime.readLog(spec.logPath(), LogOptions.all(), null)) {
            Optional<LogEntry> e;
            while ((e = log.next()).isPresent()) {
                sb.append(new String(e.get().data(), StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    @Test
    void echo_exitsZeroAndItsOutputIsInTheLog() throws Exception {
        RuntimeSpec spec = spec(List.of("echo", "hello"), false);
        StartedProcess p = runtime.start(spec);
        assertThat(p.pid()).isPositive();
        ExitStatus exit = runtime.exitFuture(spec.id()).get(10, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isZero();
        assertThat(stdout(spec)).isEqualTo("hello\n");
        assertThat(runtime.state(spec.id())).isInstanceOf(ContainerRuntime.RuntimeState.Exited.class);
    }

    @Test
    void hostNetworkContainerSeesTheHostsInterfacesAndName() throws Exception {
        RuntimeSpec base = spec(List.of("sh", "-c", "cat /proc/sys/kernel/hostname; cat /proc/net/dev"), false);
        RuntimeSpec spec = new RuntimeSpec(base.id(), base.bundle(), base.rootfs(), base.args(), base.env(), "/", "", "",
                true, Map.of(), base.logPath(), false, false, Optional.empty(), HostConfig.DEFAULT, Map.of());
        runtime.start(spec);
        assertThat(runtime.exitFuture(spec.id()).get(10, TimeUnit.SECONDS).exitCode()).isZero();
        String out = stdout(spec);
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        assertThat(out).startsWith(hostname + "\n");
        assertThat(interfaces(out.substring(out.indexOf('\n') + 1)))
                .isEqualTo(interfaces(Files.readString(Path.of("/proc/net/dev"))))
                .contains("lo")
                .hasSizeGreaterThan(1);
    }

    private static java.util.Set<String> interfaces(String procNetDev) {
        return procNetDev.lines().skip(2).filter(l -> l.contains(":"))
                .map(l -> l.substring(0, l.indexOf(':')).trim())
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void shellExitCodeIsReported() throws Exception {
        RuntimeSpec spec = spec(List.of("sh", "-c", "exit 3"), false);
        runtime.start(spec);
        assertThat(runtime.exitFuture(spec.id()).get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(3);
    }

    @Test
    void userIsResolvedFromTheRootfs() throws Exception {
        RuntimeSpec spec = spec(List.of("id"), false, "nobody");
        runtime.start(spec);
        assertThat(runtime.exitFuture(spec.id()).get(10, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(stdout(spec)).contains("uid=65534").contains("gid=65534").contains("50");
    }

    @Test
    void stdinReachesTheProcessAndCloseGivesItEof() throws Exception {
        RuntimeSpec spec = spec(List.of("cat"), true);
        runtime.start(spec);
        try (OutputStream in = runtime.openStdin(spec.id())) {
            in.write("data".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(runtime.exitFuture(spec.id()).get(10, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(stdout(spec)).isEqualTo("data");
    }

    @Test
    void killOfASleepingContainerGives137AndAFollowingLogEnds() throws Exception {
        RuntimeSpec spec = spec(List.of("sh", "-c", "echo up; sleep 100"), false);
        runtime.start(spec);
        assertThat(runtime.state(spec.id())).isInstanceOf(ContainerRuntime.RuntimeState.Running.class);
        var exited = runtime.exitFuture(spec.id());
        LogOptions follow = new LogOptions(true, true, true, java.util.OptionalInt.empty(), Optional.empty(), Optional.empty());
        try (LogSource log = runtime.readLog(spec.logPath(), follow, exited)) {
            assertThat(new String(log.next().orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo("up\n");
            runtime.kill(spec.id(), 9);
            assertThat(log.next()).isEmpty();
        }
        assertThat(exited.get(10, TimeUnit.SECONDS).exitCode()).isEqualTo(137);
        assertThatThrownBy(() -> runtime.kill(spec.id(), 9))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    }

    @Test
    void unknownCommandIsAnInvalidArgumentWithDockersText() throws Exception {
        RuntimeSpec spec = spec(List.of("nope"), false);
        assertThatThrownBy(() -> runtime.start(spec))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("exec: \"nope\": executable file not found in $PATH");
    }

    @Test
    void nonExecutableCommandIsAnInvalidArgumentSayingPermissionDenied() throws Exception {
        RuntimeSpec spec = spec(List.of("/etc/not-executable"), false);
        assertThatThrownBy(() -> runtime.start(spec))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessageContaining("permission denied");
    }

    @Test
    void unknownUserIsAnInvalidArgument() throws Exception {
        RuntimeSpec spec = spec(List.of("true"), false, "ghost");
        assertThatThrownBy(() -> runtime.start(spec))
                .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                .hasMessage("unable to find user ghost: no matching entries in passwd file");
    }

    @Test
    void deleteLeavesNothingInTheRuntimeStateDir() throws Exception {
        RuntimeSpec spec = spec(List.of("true"), false);
        runtime.start(spec);
        runtime.exitFuture(spec.id()).get(10, TimeUnit.SECONDS);
        assertThat(execRoot.resolve("runc").resolve(spec.id())).exists();
        runtime.delete(spec.id());
        runtime.delete(spec.id()); // idempotent
        assertThat(execRoot.resolve("runc").resolve(spec.id())).doesNotExist();
        assertThat(execRoot.resolve("exits").resolve(spec.id())).doesNotExist();
        assertThat(execRoot.resolve("s").resolve(spec.id())).doesNotExist();
        assertThat(runtime.state(spec.id())).isInstanceOf(ContainerRuntime.RuntimeState.Unknown.class);
    }

    @Test
    void sequentialTrueRuns_timing() throws Exception {
        int runs = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            RuntimeSpec spec = spec(List.of("true"), false);
            runtime.start(spec);
            assertThat(runtime.exitFuture(spec.id()).get(10, TimeUnit.SECONDS).exitCode()).isZero();
            runtime.delete(spec.id());
        }
        double perRun = (System.nanoTime() - t0) / 1e6 / runs;
        System.out.printf("berth runc adapter: %d sequential start+wait+delete of `true`: %.1f ms per run%n", runs, perRun);
    }
}
