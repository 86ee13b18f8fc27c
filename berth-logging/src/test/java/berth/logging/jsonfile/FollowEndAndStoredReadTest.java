package berth.logging.jsonfile;

import static berth.logging.logfile.LogTestSupport.T0;
import static berth.logging.logfile.LogTestSupport.context;
import static berth.logging.logfile.LogTestSupport.following;
import static berth.logging.logfile.LogTestSupport.line;
import static berth.logging.logfile.LogTestSupport.readAll;
import static berth.logging.logfile.LogTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower's end signal (the container exited while the driver stays open), and reading files with no driver open. */
class FollowEndAndStoredReadTest {
    private static final Map<String, String> ROTATING = Map.of("max-size", "1k", "max-file", "50");

    @TempDir
    Path dir;

    @Test
    void aFollower_endsOnceTheEndSignalCompletes_afterReturningEverythingWrittenBefore() throws Exception {
        try (LogDriver driver = new JsonFileDriverFactory().create(context(dir.resolve("c-json.log"), ROTATING))) {
            driver.log(line("l0", T0));
            CompletableFuture<Void> end = new CompletableFuture<>();
            LogSource source = driver.read(following(), end).orElseThrow();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 1; i < 500; i++) {
                        driver.log(line("l" + i, T0.plusMillis(i)));
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                end.complete(null); // the container exited; the driver is still open
            }, r -> Thread.ofVirtual().start(r));
            List<String> got = texts(readAll(source));
            writer.join();
            assertThat(got).isEqualTo(IntStream.range(0, 500).mapToObj(i -> "l" + i + "\n").toList());
            driver.log(line("after the end", T0.plusSeconds(1)));
            assertThat(texts(readAll(driver.read(LogOptions.all(), end).orElseThrow()))).endsWith("after the end\n");
        }
    }

    @Test
    void aFollowerWaitingForLines_isWokenWhenTheEndCompletes() throws Exception {
        try (LogDriver driver = new JsonFileDriverFactory().create(context(dir.resolve("c-json.log"), Map.of()))) {
            driver.log(line("only", T0));
            CompletableFuture<Void> end = new CompletableFuture<>();
            LogSource source = driver.read(following(), end).orElseThrow();
            assertThat(source.next().map(e -> new String(e.data(), StandardCharsets.UTF_8))).contains("only\n");
            CompletableFuture<Optional<LogEntry>> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return source.next();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            end.complete(null);
            assertThat(next.join()).isEmpty();
            source.close();
        }
    }

    @Test
    void aFollowerWhoseEndHasAlreadyCompleted_returnsWhatIsThereAndEnds() throws Exception {
        try (LogDriver driver = new JsonFileDriverFactory().create(context(dir.resolve("c-json.log"), Map.of()))) {
            driver.log(line("a", T0));
            driver.log(line("b", T0.plusSeconds(1)));
            List<LogEntry> got = readAll(driver.read(following(), CompletableFuture.completedFuture(null)).orElseThrow());
            assertThat(texts(got)).containsExactly("a\n", "b\n");
        }
    }

    @Test
    void storedFiles_areReadWithNoDriverOpen_acrossRotations_andAFollowerEndsAtTheirEnd() throws Exception {
        Path log = dir.resolve("c-json.log");
        JsonFileDriverFactory factory = new JsonFileDriverFactory();
        try (LogDriver driver = factory.create(context(log, ROTATING))) {
            for (int i = 0; i < 100; i++) {
                driver.log(line("l" + i, T0.plusSeconds(i)));
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isGreaterThan(2);
        }
        List<String> expected = IntStream.range(0, 100).mapToObj(i -> "l" + i + "\n").toList();
        assertThat(texts(readAll(factory.readStored(context(log, ROTATING), LogOptions.all())))).isEqualTo(expected);
        assertThat(texts(readAll(factory.readStored(context(log, ROTATING), following())))).isEqualTo(expected);
    }

    @Test
    void aTornLastRecord_isNotReturnedByAStoredRead_andTheFileIsLeftAsItIs() throws Exception {
        Path log = dir.resolve("c-json.log");
        JsonFileDriverFactory factory = new JsonFileDriverFactory();
        try (LogDriver driver = factory.create(context(log, Map.of()))) {
            driver.log(line("whole", T0));
        }
        Files.write(log, "{\"log\":\"tor".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        long size = Files.size(log);
        assertThat(texts(readAll(factory.readStored(context(log, Map.of()), following())))).containsExactly("whole\n");
        assertThat(Files.size(log)).isEqualTo(size);
    }

    @Test
    void aLogNeverWritten_readsAsEmpty() throws Exception {
        assertThat(readAll(new JsonFileDriverFactory().readStored(context(dir.resolve("none-json.log"), Map.of()),
                LogOptions.all()))).isEmpty();
    }
}
