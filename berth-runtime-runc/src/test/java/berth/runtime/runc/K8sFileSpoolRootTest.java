package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.container.HostConfig;
import berth.logs.LogEntry;
import berth.logs.LogSpool;
import berth.runtime.ExitStatus;
import berth.runtime.RuntimeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The spool against the real conmon and runc: a container prints many lines while the reader rotates
 * the spool through conmon's ctl FIFO. Needs root, /usr/sbin/runc, /usr/bin/conmon and /bin/busybox.
 */
@Tag("root")
class K8sFileSpoolRootTest {
    private static final Path RUNC = Path.of("/usr/sbin/runc");
    private static final Path CONMON = Path.of("/usr/bin/conmon");
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final int HALF = 100_000;

    private static Path execRoot;
    private static Path work;
    private static Path rootfs;
    private static RuncRuntime runtime;

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RUNC) && Files.isExecutable(CONMON) && Files.isExecutable(BUSYBOX),
                "needs runc, conmon and busybox");
        execRoot = Files.createTempDirectory(Path.of("/run"), "brt");
        work = Files.createTempDirectory("berth-spool-test");
        rootfs = Files.createDirectories(work.resolve("rootfs"));
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String tool : List.of("sh", "seq", "sleep")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("busybox"));
        }
        runtime = new RuncRuntime(RUNC, CONMON, execRoot, execRoot.resolve("runc"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (runtime != null) {
            runtime.close();
        }
        for (Path dir : new Path[] {work, execRoot}) {
            if (dir != null && Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Test
    void aChattyContainersOutputIsReadOnceInOrderAcrossRotationsAndReadFilesAreDeleted() throws Exception {
        byte[] raw = new byte[32];
        ThreadLocalRandom.current().nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        Path bundle = Files.createDirectories(work.resolve("b-" + id.substring(0, 12)));
        Path go = rootfs.resolve("go-" + id.substring(0, 12));
        // the second half waits until the test has seen the first rotation, so rotation happens while conmon runs
        String script = "seq 0 " + (HALF - 1) + "; while [ ! -e /" + go.getFileName() + " ]; do sleep 0.05; done; seq "
                + HALF + " " + (2 * HALF - 1);
        Path log = bundle.resolve("ctr.log");
        RuntimeSpec spec = new RuntimeSpec(id, bundle, rootfs, List.of("sh", "-c", script), List.of("PATH=/bin"), "/", "",
                "", false, Map.of(), log, false, false, Optional.empty(), HostConfig.DEFAULT, Map.of());
        runtime.start(spec);
        try {
            CompletableFuture<ExitStatus> exited = runtime.exitFuture(id);
            int expected = 0;
            // held open so that its inode number cannot be reused by a later file
            LogFileIdentity.Opened first = LogFileIdentity.open(log).orElseThrow();
            try (LogSpool spool = runtime.openSpool(id, log, 256 * 1024)) {
                K8sFileSpool k8s = (K8sFileSpool) spool;
                // a line may come in pieces: conmon logs what each read of the pipe gave as a partial entry
                StringBuilder line = new StringBuilder();
                Optional<LogEntry> e;
                while ((e = spool.next(exited)).isPresent()) {
                    line.append(new String(e.get().data(), StandardCharsets.UTF_8));
                    if (line.charAt(line.length() - 1) != '\n') {
                        continue;
                    }
                    assertThat(line.toString()).isEqualTo(expected + "\n");
                    line.setLength(0);
                    expected++;
                    if (expected == HALF) {
                        assertThat(k8s.rotations()).as("rotated while reading the first half").isPositive();
                        Files.createFile(go);
                    }
                }
                assertThat(line).isEmpty();
                assertThat(expected).isEqualTo(2 * HALF);
                assertThat(exited.get().exitCode()).isZero();
                long live = LogFileIdentity.inode(log).orElse(-1);
                assertThat(live).as("conmon reopened its log").isNotEqualTo(first.inode());
                List<Path> leftovers = new ArrayList<>();
                for (RotatedLogFiles.Rotated r : RotatedLogFiles.list(log)) {
                    if (LogFileIdentity.inode(r.path()).orElse(-2) != live) {
                        leftovers.add(r.path());
                    }
                }
                assertThat(leftovers).as("rotated files read to their end are deleted").isEmpty();
                assertThat(Files.size(log)).as("the spool was cut down").isLessThan(2L * HALF * 40);
                spool.discard();
            } finally {
                first.closeQuietly();
            }
            try (Stream<Path> s = Files.list(bundle)) {
                assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ctr.log")).toList()).isEmpty();
            }
        } finally {
            runtime.delete(id);
        }
    }
}
