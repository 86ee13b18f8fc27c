package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class K8sFileLogSourceTest {
    private Path dir;
    private Path log;
    private DirectoryWatcher watcher;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("berth-log");
        log = dir.resolve("ctr.log");
        watcher = new DirectoryWatcher();
        Files.writeString(log, """
                2026-01-01T00:00:01Z stdout F one
                2026-01-01T00:00:02Z stderr F err
                2026-01-01T00:00:03Z stdout P par
                2026-01-01T00:00:03.5Z stdout F tial
                2026-01-01T00:00:04Z stdout F four
                """);
    }

    @AfterEach
    void tearDown() throws IOException {
        watcher.close();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static LogOptions opts(boolean out, boolean err, boolean follow, OptionalInt tail, String since, String until) {
        return new LogOptions(out, err, follow, tail, Optional.ofNullable(since).map(Instant::parse),
                Optional.ofNullable(until).map(Instant::parse));
    }

    private static List<String> drain(LogSource s) throws Exception {
        List<String> out = new ArrayList<>();
        Optional<LogEntry> e;
        while ((e = s.next()).isPresent()) {
            out.add(e.get().stream() + ":" + new String(e.get().data(), StandardCharsets.UTF_8));
        }
        s.close();
        return out;
    }

    @Test
    void readsEverythingInOrderKeepingPartialLinesApart() throws Exception {
        assertThat(drain(new K8sFileLogSource(log, LogOptions.all(), null, watcher)))
                .containsExactly("STDOUT:one\n", "STDERR:err\n", "STDOUT:par", "STDOUT:tial\n", "STDOUT:four\n");
    }

    @Test
    void streamSelectionSinceUntilAndTailCombine() throws Exception {
        assertThat(drain(new K8sFileLogSource(log, opts(false, true, false, OptionalInt.empty(), null, null), null, watcher)))
                .containsExactly("STDERR:err\n");
        assertThat(drain(new K8sFileLogSource(log, opts(true, true, false, OptionalInt.empty(),
                "2026-01-01T00:00:02Z", "2026-01-01T00:00:03.5Z"), null, watcher)))
                .as("both bounds inclusive").containsExactly("STDERR:err\n", "STDOUT:par", "STDOUT:tial\n");
        assertThat(drain(new K8sFileLogSource(log, opts(true, false, false, OptionalInt.of(2), null, null), null, watcher)))
                .containsExactly("STDOUT:tial\n", "STDOUT:four\n");
        assertThat(drain(new K8sFileLogSource(log, opts(true, true, false, OptionalInt.of(0), null, null), null, watcher)))
                .isEmpty();
    }

    @Test
    void followSeesNewLinesAndEndsAfterExitOnceDrained() throws Exception {
        CompletableFuture<Void> exited = new CompletableFuture<>();
        LogSource s = new K8sFileLogSource(log, opts(true, true, true, OptionalInt.of(1), null, null), exited, watcher);
        assertThat(new String(s.next().orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo("four\n");

        CompletableFuture<Optional<LogEntry>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return s.next();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(50);
        assertThat(next).isNotDone();
        // a line written in two pieces is returned only once complete
        Files.writeString(log, "2026-01-01T00:00:05Z stdout F fi", StandardOpenOption.APPEND);
        Files.writeString(log, "ve\n2026-01-01T00:00:06Z stdout F six\n", StandardOpenOption.APPEND);
        assertThat(new String(next.get(2, TimeUnit.SECONDS).orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo("five\n");
        exited.complete(null);
        assertThat(new String(s.next().orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo("six\n");
        assertThat(s.next()).isEmpty();
        s.close();
    }

    @Test
    void linesLongerThanAReadAndLinesAcrossReadsComeOutWhole() throws Exception {
        StringBuilder file = new StringBuilder();
        List<String> want = new ArrayList<>();
        // lengths that put line ends before, on and after every 64 KiB boundary, and one line of several reads
        for (int len = 0; len < 1200; len++) {
            String text = "x".repeat(len % 300) + len + "\n";
            file.append("2026-01-01T00:00:07Z stdout F ").append(text);
            want.add("STDOUT:" + text);
        }
        String huge = "y".repeat(300 * 1024) + "\n";
        file.append("2026-01-01T00:00:08Z stderr F ").append(huge);
        want.add("STDERR:" + huge);
        Files.writeString(log, file);
        assertThat(drain(new K8sFileLogSource(log, LogOptions.all(), null, watcher))).containsExactlyElementsOf(want);
        assertThat(drain(new K8sFileLogSource(log, opts(true, true, false, OptionalInt.of(2), null, null), null, watcher)))
                .containsExactlyElementsOf(want.subList(want.size() - 2, want.size()));
    }

    @Test
    void aReaderThatDoesNotFollowStopsAtWhatWasThereWhenItBegan() throws Exception {
        LogSource s = new K8sFileLogSource(log, LogOptions.all(), null, watcher);
        assertThat(new String(s.next().orElseThrow().data(), StandardCharsets.UTF_8)).isEqualTo("one\n");
        Files.writeString(log, "2026-01-01T00:00:05Z stdout F later\n", StandardOpenOption.APPEND);
        assertThat(drain(s)).containsExactly("STDERR:err\n", "STDOUT:par", "STDOUT:tial\n", "STDOUT:four\n");
    }

    @Test
    void closeFromAnotherThreadEndsABlockedFollow() throws Exception {
        LogSource s = new K8sFileLogSource(log, opts(true, true, true, OptionalInt.of(0), null, null), new CompletableFuture<>(), watcher);
        CompletableFuture<Optional<LogEntry>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return s.next();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(50);
        s.close();
        assertThat(next.get(2, TimeUnit.SECONDS)).isEmpty();
    }
}
