package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.StreamType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sFileSpoolTest {
    private static final long SMALL = 64 * 1024;

    @TempDir
    Path dir;
    private Path log;
    private Path fifo;
    private DirectoryWatcher watcher;

    @BeforeEach
    void setUp() {
        log = dir.resolve("container.log");
        fifo = dir.resolve("ctl");
        watcher = new DirectoryWatcher();
    }

    @AfterEach
    void tearDown() {
        watcher.close();
    }

    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(FakeConmon.line(i % 7 == 0 ? "stderr" : "stdout", text(i)));
        }
        return sb.toString();
    }

    private static String text(int i) {
        return "line " + i + " of the log, with some padding to look like real output";
    }

    private static String text(LogEntry e) {
        return new String(e.data(), StandardCharsets.UTF_8);
    }

    private K8sFileSpool spool(long rotateBytes) throws IOException {
        return new K8sFileSpool(log, () -> fifo, watcher, rotateBytes);
    }

    private K8sFileSpool spoolWithoutMonitor() throws IOException {
        return new K8sFileSpool(log, () -> null, watcher, SMALL);
    }

    /** A writer of {@code rounds} of {@code perRound} lines with at least one rotation in or after each round but the last. */
    private Thread writer(FakeConmon conmon, int rounds, int perRound, CompletableFuture<Void> end) {
        return Thread.ofPlatform().start(() -> {
            try {
                for (int r = 0; r < rounds; r++) {
                    int reopens = conmon.reopens();
                    for (int i = r * perRound; i < (r + 1) * perRound; i += 25) {
                        conmon.write(lines(i, Math.min(i + 25, (r + 1) * perRound)));
                    }
                    // a round is more than the threshold: the reader rotates during it or once it has read it
                    if (r < rounds - 1 && conmon.reopens() == reopens) {
                        conmon.awaitReopenRequest();
                    }
                }
                end.complete(null);
            } catch (Exception e) {
                end.completeExceptionally(e);
            }
        });
    }

    private List<Path> rotatedNotLinkedToTheLog() throws IOException {
        long live = LogFileIdentity.inode(log).orElse(-1);
        List<Path> out = new ArrayList<>();
        for (RotatedLogFiles.Rotated r : RotatedLogFiles.list(log)) {
            if (LogFileIdentity.inode(r.path()).orElse(-2) != live) {
                out.add(r.path());
            }
        }
        return out;
    }

    @Test
    void rotationWithAConcurrentWriter_returnsEveryLineOnceInOrderAndDeletesOldFiles() throws Exception {
        int rounds = 60;
        int perRound = 1000;
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (FakeConmon conmon = new FakeConmon(log, fifo); K8sFileSpool spool = spool(SMALL)) {
            Thread w = writer(conmon, rounds, perRound, end);
            int expected = 0;
            Optional<LogEntry> e;
            while ((e = spool.next(end)).isPresent()) {
                assertThat(text(e.get())).isEqualTo(text(expected) + "\n");
                assertThat(e.get().stream()).isEqualTo(expected % 7 == 0 ? StreamType.STDERR : StreamType.STDOUT);
                expected++;
            }
            w.join();
            assertThat(expected).isEqualTo(rounds * perRound);
            assertThat(conmon.reopens()).isGreaterThanOrEqualTo(rounds - 1);
            assertThat(spool.rotations()).isGreaterThanOrEqualTo(rounds - 1);
            assertThat(rotatedNotLinkedToTheLog()).as("read rotated files are deleted").isEmpty();
        }
    }

    @Test
    void closeAndReopen_resumesAfterTheLastAcknowledgedEntryAcrossRotations() throws Exception {
        int rounds = 30;
        int perRound = 1000;
        CompletableFuture<Void> end = new CompletableFuture<>();
        List<Integer> seen = new ArrayList<>();
        try (FakeConmon conmon = new FakeConmon(log, fifo)) {
            Thread w = writer(conmon, rounds, perRound, end);
            boolean more = true;
            while (more) {
                try (K8sFileSpool spool = spool(SMALL)) {
                    // a different number each time, so readers stop at different places in the files
                    int budget = 1777 + seen.size() % 1000;
                    for (int i = 0; i < budget; i++) {
                        Optional<LogEntry> e = spool.next(end);
                        if (e.isEmpty()) {
                            more = false;
                            break;
                        }
                        String t = text(e.get());
                        seen.add(Integer.parseInt(t.substring(5, t.indexOf(' ', 5))));
                    }
                }
            }
            w.join();
        }
        // the entry returned last before a close was not acknowledged: it comes again, once
        List<Integer> distinct = new ArrayList<>();
        int repeats = 0;
        for (int i = 0; i < seen.size(); i++) {
            if (i > 0 && seen.get(i).equals(seen.get(i - 1))) {
                repeats++;
                continue;
            }
            distinct.add(seen.get(i));
        }
        assertThat(distinct).hasSize(rounds * perRound);
        for (int i = 0; i < distinct.size(); i++) {
            assertThat(distinct.get(i)).isEqualTo(i);
        }
        assertThat(repeats).isPositive();
        assertThat(rotatedNotLinkedToTheLog()).isEmpty();
    }

    /**
     * A reader closed after asking for a reopen that conmon has not yet carried out. The next reader must
     * not ask again: conmon would make a second new file over the first one, and the lines written in
     * between would have no name left for any reader.
     */
    @Test
    void aReaderResumedBeforeConmonReopened_doesNotAskAgain_soNoFileIsSkipped() throws Exception {
        CompletableFuture<Void> end = CompletableFuture.completedFuture(null);
        List<Integer> seen = new ArrayList<>();
        try (FakeConmon conmon = new FakeConmon(log, fifo)) {
            conmon.write(lines(0, 1000));
            try (K8sFileSpool first = spool(SMALL)) {
                readInto(first, end, seen, 800);
                assertThat(first.rotations()).as("past the threshold: a reopen was asked").isEqualTo(1);
            }
            try (K8sFileSpool second = spool(SMALL)) {
                readInto(second, end, seen, 100);
                conmon.awaitReopenRequest(); // the first reader's request, carried out only now
                conmon.writeBeforeRequests(lines(1000, 1100));
                assertThat(conmon.reopenIfRequestedWithin(java.time.Duration.ofSeconds(1)))
                        .as("a second reopen asked while the first was pending").isFalse();
                conmon.write(lines(1100, 1200));
                readInto(second, end, seen, Integer.MAX_VALUE);
                assertThat(second.rotations()).isZero();
            }
        }
        List<Integer> distinct = seen.stream().distinct().toList();
        assertThat(distinct).hasSize(1200);
        for (int i = 0; i < distinct.size(); i++) {
            assertThat(distinct.get(i)).isEqualTo(i);
        }
    }

    /** A link made by a reader that stopped before it could ask conmon: once far past the threshold, ask. */
    @Test
    void aRotationLinkedButNeverAsked_isAskedForOnceTheFileIsFarPastTheThreshold() throws Exception {
        CompletableFuture<Void> end = CompletableFuture.completedFuture(null);
        List<Integer> seen = new ArrayList<>();
        try (FakeConmon conmon = new FakeConmon(log, fifo)) {
            conmon.write(lines(0, 500));
            Files.createLink(RotatedLogFiles.name(log, 1), log);
            try (K8sFileSpool spool = spool(SMALL)) {
                readInto(spool, end, seen, Integer.MAX_VALUE);
                assertThat(spool.rotations()).as("the earlier reader's request may still come").isZero();
                conmon.write(lines(500, 2000));
                readInto(spool, end, seen, Integer.MAX_VALUE);
                assertThat(spool.rotations()).as("three thresholds: still waiting for it").isZero();
                conmon.write(lines(2000, 2600));
                readInto(spool, end, seen, Integer.MAX_VALUE);
                assertThat(spool.rotations()).isEqualTo(1);
                conmon.awaitReopenRequest();
                conmon.write(lines(2600, 2700));
                readInto(spool, end, seen, Integer.MAX_VALUE);
            }
        }
        assertThat(seen).hasSize(2700);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(rotatedNotLinkedToTheLog()).isEmpty();
    }

    /** Reads up to {@code max} entries (fewer when the spool ends) and adds their line numbers to {@code seen}. */
    private static void readInto(K8sFileSpool spool, CompletableFuture<?> end, List<Integer> seen, int max)
            throws IOException, InterruptedException {
        for (int i = 0; i < max; i++) {
            Optional<LogEntry> e = spool.next(end);
            if (e.isEmpty()) {
                return;
            }
            String t = text(e.get());
            seen.add(Integer.parseInt(t.substring(5, t.indexOf(' ', 5))));
        }
    }

    @Test
    void resume_startsInTheRotatedFileTheCursorNamesAndDeletesOlderOnes() throws Exception {
        Path r1 = RotatedLogFiles.name(log, 1);
        Path r2 = RotatedLogFiles.name(log, 2);
        Files.writeString(r1, lines(0, 10));
        Files.writeString(r2, lines(10, 20));
        Files.writeString(log, lines(20, 30));
        long offsetAfterLine12 = lines(10, 13).getBytes(StandardCharsets.UTF_8).length;
        new SpoolCursor(LogFileIdentity.inode(r2).orElseThrow(), offsetAfterLine12).write(dir.resolve("container.log.cursor"));

        try (K8sFileSpool spool = spoolWithoutMonitor()) {
            assertThat(Files.exists(r1)).as("read before the cursor's file").isFalse();
            List<String> got = drain(spool, CompletableFuture.completedFuture(null));
            assertThat(got).hasSize(17).first().isEqualTo(text(13) + "\n");
            assertThat(got.getLast()).isEqualTo(text(29) + "\n");
            assertThat(Files.exists(r2)).isFalse();
        }
        assertThat(SpoolCursor.read(dir.resolve("container.log.cursor"))).contains(
                new SpoolCursor(LogFileIdentity.inode(log).orElseThrow(), Files.size(log)));
        try (K8sFileSpool spool = spoolWithoutMonitor()) {
            assertThat(spool.next(CompletableFuture.completedFuture(null))).as("all was acknowledged").isEmpty();
        }
    }

    @Test
    void resume_withACursorNamingNoFileStartsAtTheOldestData() throws Exception {
        Files.writeString(RotatedLogFiles.name(log, 4), lines(0, 10));
        Files.writeString(log, lines(10, 20));
        new SpoolCursor(1, 5).write(dir.resolve("container.log.cursor"));
        try (K8sFileSpool spool = spoolWithoutMonitor()) {
            List<String> got = drain(spool, CompletableFuture.completedFuture(null));
            assertThat(got).hasSize(20).first().isEqualTo(text(0) + "\n");
        }
    }

    @Test
    void resume_ofARotationCutShortKeepsReadingTheFileUnderBothNames() throws Exception {
        Files.writeString(log, lines(0, 10));
        Path link = RotatedLogFiles.name(log, 1);
        Files.createLink(link, log);
        new SpoolCursor(LogFileIdentity.inode(log).orElseThrow(), lines(0, 4).length())
                .write(dir.resolve("container.log.cursor"));
        try (K8sFileSpool spool = spoolWithoutMonitor()) {
            List<String> got = drain(spool, CompletableFuture.completedFuture(null));
            assertThat(got).hasSize(6).first().isEqualTo(text(4) + "\n");
        }
        assertThat(Files.readString(log)).isEqualTo(lines(0, 10));
    }

    @Test
    void next_blocksUntilMoreIsWrittenAndEndsOnceTheEndHasCompletedAndAllIsRead() throws Exception {
        Files.writeString(log, lines(0, 2));
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (K8sFileSpool spool = spoolWithoutMonitor()) {
            assertThat(drainSome(spool, end, 2)).containsExactly(text(0) + "\n", text(1) + "\n");
            CompletableFuture<Optional<LogEntry>> blocked = CompletableFuture.supplyAsync(() -> next(spool, end));
            Thread.sleep(50);
            assertThat(blocked).isNotDone();
            // a line completes only with its newline
            Files.writeString(log, lines(2, 3).substring(0, 30), java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(log, lines(2, 3).substring(30) + lines(3, 4), java.nio.file.StandardOpenOption.APPEND);
            assertThat(text(blocked.get(5, TimeUnit.SECONDS).orElseThrow())).isEqualTo(text(2) + "\n");
            assertThat(text(spool.next(end).orElseThrow())).isEqualTo(text(3) + "\n");

            CompletableFuture<Optional<LogEntry>> waiting = CompletableFuture.supplyAsync(() -> next(spool, end));
            Files.writeString(log, lines(4, 5), java.nio.file.StandardOpenOption.APPEND);
            end.complete(null);
            assertThat(text(waiting.get(5, TimeUnit.SECONDS).orElseThrow())).as("written before the end")
                    .isEqualTo(text(4) + "\n");
            assertThat(spool.next(end)).isEmpty();
        }
    }

    @Test
    void partialPiecesComeWithoutANewline() throws Exception {
        Files.writeString(log, "2026-12-04T20:47:49.000000001+01:00 stdout P abc\n"
                + "2026-12-04T20:47:49.000000002+01:00 stdout F def\n");
        try (K8sFileSpool spool = spoolWithoutMonitor()) {
            assertThat(drain(spool, CompletableFuture.completedFuture(null))).containsExactly("abc", "def\n");
        }
    }

    @Test
    void close_fromAnotherThreadWakesABlockedNext() throws Exception {
        K8sFileSpool spool = spoolWithoutMonitor();
        CompletableFuture<Void> end = new CompletableFuture<>();
        CompletableFuture<Optional<LogEntry>> blocked = CompletableFuture.supplyAsync(() -> next(spool, end));
        Thread.sleep(50);
        assertThat(blocked).isNotDone();
        spool.close();
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void withoutAMonitor_nothingIsRotated() throws Exception {
        Files.writeString(log, lines(0, 3000));
        try (K8sFileSpool spool = spoolWithoutMonitor()) {
            assertThat(drain(spool, CompletableFuture.completedFuture(null))).hasSize(3000);
            assertThat(spool.rotations()).isZero();
        }
        assertThat(RotatedLogFiles.list(log)).isEmpty();
    }

    @Test
    void discard_deletesTheSpoolItsRotatedFilesAndTheCursor() throws Exception {
        Files.writeString(RotatedLogFiles.name(log, 3), lines(0, 5));
        Files.writeString(log, lines(5, 10));
        K8sFileSpool spool = spoolWithoutMonitor();
        assertThat(drain(spool, CompletableFuture.completedFuture(null))).hasSize(10);
        assertThat(Files.exists(dir.resolve("container.log.cursor"))).isTrue();
        spool.discard();
        spool.close();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    private static Optional<LogEntry> next(K8sFileSpool spool, CompletableFuture<?> end) {
        try {
            return spool.next(end);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static List<String> drain(K8sFileSpool spool, CompletableFuture<?> end) throws Exception {
        return drainSome(spool, end, Integer.MAX_VALUE);
    }

    private static List<String> drainSome(K8sFileSpool spool, CompletableFuture<?> end, int max) throws Exception {
        List<String> out = new ArrayList<>();
        Optional<LogEntry> e;
        while (out.size() < max && (e = spool.next(end)).isPresent()) {
            out.add(text(e.get()));
        }
        return out;
    }
}
