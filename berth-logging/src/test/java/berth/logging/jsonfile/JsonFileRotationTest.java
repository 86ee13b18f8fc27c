package berth.logging.jsonfile;

import static berth.logging.logfile.LogTestSupport.RUNNING;
import static berth.logging.logfile.LogTestSupport.T0;
import static berth.logging.logfile.LogTestSupport.context;
import static berth.logging.logfile.LogTestSupport.following;
import static berth.logging.logfile.LogTestSupport.line;
import static berth.logging.logfile.LogTestSupport.readAll;
import static berth.logging.logfile.LogTestSupport.tail;
import static berth.logging.logfile.LogTestSupport.texts;
import static berth.logging.logfile.LogTestSupport.window;
import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileRotationTest {
    private static final String PAD = "x".repeat(60);

    @TempDir
    Path dir;

    private static String text(int i) {
        return String.format("line %08d %s", i, PAD);
    }

    @Test
    void fiftyMegabytesWithMaxSize1mAndMaxFile3_leavesThreeFilesAndReadsTheNewestLinesInOrder() throws Exception {
        Path log = dir.resolve("c-json.log");
        int lines = 400_000; // records of ~125 bytes: 50 MB
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, Map.of("max-size", "1m", "max-file", "3")))) {
            for (int i = 0; i < lines; i++) {
                driver.log(line(text(i), T0.plusNanos(i)));
            }
            assertThat(files()).containsExactly("c-json.log", "c-json.log.1", "c-json.log.2");
            List<LogEntry> all = readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow());
            assertConsecutiveEndingAt(texts(all), lines - 1);
            assertThat(all.size()).isBetween(20_000, 30_000); // 2-3 MB of ~125-byte records
            assertThat(texts(readAll(driver.read(tail(3), RUNNING).orElseThrow())))
                    .containsExactly(text(lines - 3) + "\n", text(lines - 2) + "\n", text(lines - 1) + "\n");
        }
        for (String f : files()) {
            assertThat(Files.size(dir.resolve(f))).isLessThanOrEqualTo(1_000_000 + 200);
        }
    }

    @Test
    void compress_gzipsRotatedFilesWithDockersLastTimeHeader() throws Exception {
        Path log = dir.resolve("c-json.log");
        int lines = 60_000;
        try (LogDriver driver = new JsonFileDriverFactory().create(
                context(log, Map.of("max-size", "1m", "max-file", "3", "compress", "true")))) {
            for (int i = 0; i < lines; i++) {
                driver.log(line(text(i), T0.plusMillis(i)));
            }
        }
        assertThat(files()).containsExactly("c-json.log", "c-json.log.1.gz", "c-json.log.2.gz");
        byte[] gz = Files.readAllBytes(dir.resolve("c-json.log.1.gz"));
        int xlen = (gz[10] & 0xff) | (gz[11] & 0xff) << 8;
        assertThat(new String(gz, 12, xlen, StandardCharsets.UTF_8)).startsWith("{\"lastTime\":\"2026-12-04T19:00:");
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("c-json.log.1.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("{\"log\":\"line ");
        }
        // read back by a new driver instance, as after a daemon restart
        try (LogDriver driver = new JsonFileDriverFactory().create(
                context(log, Map.of("max-size", "1m", "max-file", "3", "compress", "true")))) {
            assertConsecutiveEndingAt(texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow())), lines - 1);
            List<String> tail = texts(readAll(driver.read(tail(12_000), RUNNING).orElseThrow()));
            assertThat(tail).hasSize(12_000); // more than the live file holds: reaches into .1.gz
            assertConsecutiveEndingAt(tail, lines - 1);
        }
    }

    @Test
    void since_skipsCompressedFilesWhoseLastTimeIsEarlier_withoutOpeningThem() throws Exception {
        Path log = dir.resolve("c-json.log");
        Map<String, String> config = Map.of("max-size", "1k", "max-file", "3", "compress", "true");
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, config))) {
            for (int i = 0; i < 100; i++) {
                driver.log(line("l" + i, T0.plusSeconds(i)));
            }
        }
        // damage the oldest file's body but keep its header: only a reader that opens it can notice
        Path oldest = dir.resolve("c-json.log.2.gz");
        byte[] gz = Files.readAllBytes(oldest);
        int body = 12 + ((gz[10] & 0xff) | (gz[11] & 0xff) << 8);
        java.util.Arrays.fill(gz, body, gz.length, (byte) 0x55);
        Files.write(oldest, gz);
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, config))) {
            assertThat(texts(readAll(driver.read(window(T0.plusSeconds(99), null), RUNNING).orElseThrow()))).containsExactly("l99\n");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void maxFileOne_replacesTheLiveFileAndAFollowerFinishesTheOneItHeld() throws Exception {
        Path log = dir.resolve("c-json.log");
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, Map.of("max-size", "1k", "max-file", "1")))) {
            driver.log(line("first", T0));
            LogSource follower = driver.read(following(), RUNNING).orElseThrow();
            for (int i = 0; i < 200; i++) {
                driver.log(line(text(i), T0.plusSeconds(i)));
            }
            assertThat(files()).containsExactly("c-json.log");
            List<String> live = texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()));
            assertThat(live.getLast()).isEqualTo(text(199) + "\n");
            assertThat(Files.size(log)).isLessThanOrEqualTo(1000 + 200);
            // the follower had the first file open: it reads that one to its end, then goes on with the live file
            assertThat(follower.next().map(e -> new String(e.data(), StandardCharsets.UTF_8))).contains("first\n");
            assertThat(follower.next().map(e -> new String(e.data(), StandardCharsets.UTF_8))).contains(text(0) + "\n");
            follower.close();
        }
    }

    @Test
    void aLineTornByACrash_isCutOffWhenTheFileIsReopened() throws Exception {
        Path log = dir.resolve("c-json.log");
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, Map.of()))) {
            driver.log(line("before", T0));
        }
        Files.write(log, "{\"log\":\"torn".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, Map.of()))) {
            driver.log(line("after", T0.plusSeconds(1)));
            assertThat(texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()))).containsExactly("before\n", "after\n");
        }
    }

    @Test
    void readsFilesDockerdRotatedAndCompressed() throws Exception {
        for (String f : List.of("c-json.log", "c-json.log.1.gz", "c-json.log.2.gz")) {
            try (InputStream in = getClass().getResourceAsStream("/docker-reference/rotated/" + f)) {
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (LogDriver driver = new JsonFileDriverFactory().create(
                context(dir.resolve("c-json.log"), Map.of("max-size", "1k", "max-file", "3", "compress", "true")))) {
            List<String> all = texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()));
            assertThat(all.getLast()).isEqualTo("line 99\n");
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i)).isEqualTo("line " + (100 - all.size() + i) + "\n");
            }
            assertThat(texts(readAll(driver.read(tail(2), RUNNING).orElseThrow()))).containsExactly("line 98\n", "line 99\n");
        }
    }

    @Test
    void followKeepsReadingThroughRotations_everyLineExactlyOnceInOrder() throws Exception {
        followThroughRotations(Map.of("max-size", "10k", "max-file", "400"));
    }

    @Test
    void followKeepsReadingThroughCompressedRotations() throws Exception {
        followThroughRotations(Map.of("max-size", "10k", "max-file", "400", "compress", "true"));
    }

    private void followThroughRotations(Map<String, String> config) throws Exception {
        Path log = dir.resolve("c-json.log");
        int lines = 20_000; // ~2.5 MB: about 250 rotations while the reader follows
        LogDriver driver = new JsonFileDriverFactory().create(context(log, config));
        driver.log(line(text(0), T0));
        LogSource source = driver.read(following(), RUNNING).orElseThrow();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 1; i < lines; i++) {
                    driver.log(line(text(i), T0.plusNanos(i)));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                driver.close(); // the container exited: the follower drains and ends
            }
        }, r -> Thread.ofVirtual().start(r));
        List<String> got = texts(readAll(source));
        writer.join();
        assertThat(got).hasSize(lines);
        for (int i = 0; i < lines; i++) {
            assertThat(got.get(i)).isEqualTo(text(i) + "\n");
        }
    }

    @Test
    void tailSinceAndUntil_countAndFilterAcrossFiles() throws Exception {
        Path log = dir.resolve("c-json.log");
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, Map.of("max-size", "1k", "max-file", "50")))) {
            for (int i = 0; i < 100; i++) {
                driver.log(line("l" + i, T0.plusSeconds(i)));
            }
            assertThat(files().size()).isGreaterThan(3);
            assertThat(texts(readAll(driver.read(tail(25), RUNNING).orElseThrow())))
                    .isEqualTo(Stream.iterate(75, i -> i + 1).limit(25).map(i -> "l" + i + "\n").toList());
            assertThat(readAll(driver.read(tail(0), RUNNING).orElseThrow())).isEmpty();
            assertThat(readAll(driver.read(tail(1000), RUNNING).orElseThrow())).hasSize(100);
            assertThat(texts(readAll(driver.read(window(T0.plusSeconds(10), T0.plusSeconds(12)), RUNNING).orElseThrow())))
                    .containsExactly("l10\n", "l11\n", "l12\n");
            assertThat(texts(readAll(driver.read(window(T0.plusSeconds(98), null), RUNNING).orElseThrow())))
                    .containsExactly("l98\n", "l99\n");
            LogOptions stderrOnly = new LogOptions(false, true, false, java.util.OptionalInt.empty(), Optional.empty(), Optional.empty());
            assertThat(readAll(driver.read(stderrOnly, RUNNING).orElseThrow())).isEmpty();
        }
    }

    @Test
    void followWithTailZero_returnsOnlyNewLinesAndEndsWhenTheSourceIsClosed() throws Exception {
        Path log = dir.resolve("c-json.log");
        try (LogDriver driver = new JsonFileDriverFactory().create(context(log, Map.of()))) {
            driver.log(line("old", T0));
            LogSource source = driver.read(new LogOptions(true, true, true, java.util.OptionalInt.of(0),
                    Optional.empty(), Optional.empty()), RUNNING).orElseThrow();
            CompletableFuture<Optional<LogEntry>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return source.next();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            driver.log(line("new", T0.plusSeconds(1)));
            assertThat(first.join().map(e -> new String(e.data(), StandardCharsets.UTF_8))).contains("new\n");
            CompletableFuture<Optional<LogEntry>> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return source.next();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            source.close(); // a blocked next() returns empty
            assertThat(second.join()).isEmpty();
        }
    }

    private static void assertConsecutiveEndingAt(List<String> got, int last) {
        assertThat(got).isNotEmpty();
        int first = last - got.size() + 1;
        List<String> expected = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            expected.add(text(i) + "\n");
        }
        assertThat(got).isEqualTo(expected);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
