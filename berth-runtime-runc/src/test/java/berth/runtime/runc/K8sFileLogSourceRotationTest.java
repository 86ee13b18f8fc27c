package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attach's live reader across the spool's rotations (see K8sFileSpool). */
class K8sFileLogSourceRotationTest {
    private static final LogOptions FOLLOW = new LogOptions(true, true, true, OptionalInt.empty(), Optional.empty(), Optional.empty());

    @TempDir
    Path dir;
    private Path log;
    private DirectoryWatcher watcher;

    @BeforeEach
    void setUp() {
        log = dir.resolve("container.log");
        watcher = new DirectoryWatcher();
    }

    @AfterEach
    void tearDown() {
        watcher.close();
    }

    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(FakeConmon.line("stdout", "line " + i));
        }
        return sb.toString();
    }

    private static String text(LogEntry e) {
        return new String(e.data(), StandardCharsets.UTF_8);
    }

    private static int number(LogEntry e) {
        String t = new String(e.data(), StandardCharsets.UTF_8);
        assertThat(t).startsWith("line ").endsWith("\n");
        return Integer.parseInt(t.substring(5, t.length() - 1));
    }

    @Test
    void aFollowerTwoRotationsBehindReadsTheFilesInBetweenToo() throws Exception {
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (FakeConmon conmon = new FakeConmon(log, dir.resolve("ctl"));
                LogSource follower = new K8sFileLogSource(log, FOLLOW, end, watcher)) {
            conmon.write(lines(0, 10));
            for (int i = 0; i < 10; i++) {
                assertThat(number(follower.next().orElseThrow())).isEqualTo(i);
            }
            conmon.write(lines(10, 12));
            Files.createLink(RotatedLogFiles.name(log, 1), log);
            conmon.reopenNow();
            conmon.write(lines(12, 20));
            Files.createLink(RotatedLogFiles.name(log, 2), log);
            conmon.reopenNow();
            conmon.write(lines(20, 30));
            end.complete(null);
            for (int i = 10; i < 30; i++) {
                assertThat(number(follower.next().orElseThrow())).isEqualTo(i);
            }
            assertThat(follower.next()).isEmpty();
        }
    }

    @Test
    void aFollowerNeverGoesBackToRotatedFilesOlderThanTheOneItReads() throws Exception {
        // left unread by a spool reader from before: older than anything the follower sees
        Files.writeString(RotatedLogFiles.name(log, 1), lines(1000, 1010));
        Files.writeString(RotatedLogFiles.name(log, 2), lines(2000, 2010));
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (FakeConmon conmon = new FakeConmon(log, dir.resolve("ctl"));
                LogSource follower = new K8sFileLogSource(log, FOLLOW, end, watcher)) {
            conmon.write(lines(0, 5));
            assertThat(number(follower.next().orElseThrow())).isZero();
            Path rotated = RotatedLogFiles.name(log, 3);
            Files.createLink(rotated, log);
            conmon.write(lines(5, 10));
            conmon.reopenNow();
            conmon.write(lines(10, 15));
            // the spool reader has read it and deleted it while the follower still reads it
            Files.delete(rotated);
            end.complete(null);
            for (int i = 1; i < 15; i++) {
                assertThat(number(follower.next().orElseThrow())).isEqualTo(i);
            }
            assertThat(follower.next()).isEmpty();
        }
    }

    @Test
    void aLineSplitAcrossReadsAndCutOffByARotationIsKept() throws Exception {
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (FakeConmon conmon = new FakeConmon(log, dir.resolve("ctl"));
                LogSource follower = new K8sFileLogSource(log, FOLLOW, end, watcher)) {
            conmon.write(lines(0, 1));
            assertThat(number(follower.next().orElseThrow())).isZero();
            // a partial entry, then the start of a line: the follower reads up to the middle of it
            conmon.write("2026-12-04T20:47:49.1Z stdout P par\n2026-12-04T20:47:49.2Z stdout F ti");
            assertThat(text(follower.next().orElseThrow())).isEqualTo("par");
            assertThat(follower.ready()).as("half a line is no entry yet").isFalse();
            // the writer dies mid-line: the rest comes, never the newline, and the file is rotated
            conmon.write("al");
            Files.createLink(RotatedLogFiles.name(log, 1), log);
            conmon.reopenNow();
            conmon.write(lines(1, 2));
            end.complete(null);
            assertThat(text(follower.next().orElseThrow())).isEqualTo("tial\n");
            assertThat(number(follower.next().orElseThrow())).isEqualTo(1);
            assertThat(follower.next()).isEmpty();
        }
    }

    @Test
    void aFollowerSeesEveryLineOnceInOrderWhileTheFileIsRotatedByLinkOrRename() throws Exception {
        int rounds = 200;
        int perRound = 250;
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (FakeConmon conmon = new FakeConmon(log, dir.resolve("ctl"));
                LogSource follower = new K8sFileLogSource(log, FOLLOW, end, watcher)) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        for (int i = r * perRound; i < (r + 1) * perRound; i += 10) {
                            conmon.write(lines(i, i + 10));
                        }
                        Path rotated = RotatedLogFiles.name(log, r + 1);
                        if (r % 2 == 0) {
                            Files.createLink(rotated, log);
                        } else {
                            // the path is absent until the reopen: a follower must wait, not give up
                            Files.move(log, rotated);
                        }
                        conmon.reopenNow();
                    }
                    end.complete(null);
                } catch (Exception e) {
                    end.completeExceptionally(e);
                }
            });
            int expected = 0;
            Optional<LogEntry> e;
            while ((e = follower.next()).isPresent()) {
                assertThat(number(e.get())).isEqualTo(expected);
                expected++;
            }
            writer.join();
            assertThat(end).isCompleted();
            assertThat(expected).isEqualTo(rounds * perRound);
        }
    }
}
