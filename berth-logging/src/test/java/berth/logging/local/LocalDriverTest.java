package berth.logging.local;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logging.logfile.RotationPolicy;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.driver.LogDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDriverTest {
    private static final String PAD = "y".repeat(60);

    @TempDir
    Path dir;

    private static String text(int i) {
        return String.format("line %08d %s", i, PAD);
    }

    @Test
    void defaults_areDockers20MiBTimesFiveCompressed() {
        assertThat(LocalDriverFactory.policy(Map.of()))
                .isEqualTo(new RotationPolicy(OptionalLong.of(20L * 1024 * 1024), 5, true));
        assertThat(LocalDriverFactory.policy(Map.of("max-size", "1m", "max-file", "1", "compress", "false")))
                .isEqualTo(new RotationPolicy(OptionalLong.of(1_000_000), 1, false));
    }

    @Test
    void validate_refusesWhatDockerdRefusesWithItsWords() {
        LocalDriverFactory f = new LocalDriverFactory();
        assertInvalid(f, Map.of("labels", "a"), "unknown log opt 'labels' for log driver local");
        assertInvalid(f, Map.of("max-size", "1x"), "invalid value for max-size: 1x: invalid size: '1x'");
        assertInvalid(f, Map.of("max-file", "two"), "invalid value for max-file: two: strconv.Atoi: parsing \"two\": invalid syntax");
        assertInvalid(f, Map.of("max-file", "-1", "compress", "false"), "max file count cannot be less than 0");
        assertInvalid(f, Map.of("max-file", "1"), "compression cannot be enabled when max file count is 1");
        assertInvalid(f, Map.of("compress", "maybe"), "error reading compress log option: strconv.ParseBool: parsing \"maybe\": invalid syntax");
        f.validate(Map.of("max-size", "10m", "max-file", "3", "compress", "true"));
    }

    @Test
    void rotatesCompressedByDefaultAndReadsTheNewestInOrder() throws Exception {
        Path log = dir.resolve("local-logs").resolve("container.log");
        int lines = 40_000;
        try (LogDriver driver = new LocalDriverFactory().create(context(log, Map.of("max-size", "1m", "max-file", "3")))) {
            for (int i = 0; i < lines; i++) {
                driver.log(line(text(i), T0.plusMillis(i)));
            }
            List<String> all = texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()));
            assertThat(all.getLast()).isEqualTo(text(lines - 1) + "\n");
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i)).isEqualTo(text(lines - all.size() + i) + "\n");
            }
            assertThat(texts(readAll(driver.read(tail(2), RUNNING).orElseThrow())))
                    .containsExactly(text(lines - 2) + "\n", text(lines - 1) + "\n");
            assertThat(texts(readAll(driver.read(window(T0.plusMillis(lines - 3), T0.plusMillis(lines - 2)), RUNNING).orElseThrow())))
                    .containsExactly(text(lines - 3) + "\n", text(lines - 2) + "\n");
        }
        // close waited for the last compression
        assertThat(files(log.getParent())).containsExactly("container.log", "container.log.1.gz", "container.log.2.gz");
    }

    @Test
    void aRecordTornByACrash_isCutOffWhenTheFileIsReopened() throws Exception {
        Path log = dir.resolve("container.log");
        try (LogDriver driver = new LocalDriverFactory().create(context(log, Map.of()))) {
            driver.log(line("before", T0));
            driver.log(line("second", T0));
        }
        byte[] whole = Files.readAllBytes(log);
        int first = 8 + LocalEntryCodec.readInt(whole, 0);
        Files.write(log, java.util.Arrays.copyOf(whole, first + 7)); // the second record cut in its body
        try (LogDriver driver = new LocalDriverFactory().create(context(log, Map.of()))) {
            assertThat(Files.size(log)).isEqualTo(first);
            driver.log(line("after", T0.plusSeconds(1)));
            assertThat(texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()))).containsExactly("before\n", "after\n");
        }
    }

    @Test
    void followKeepsReadingThroughCompressedRotations_everyLineExactlyOnceInOrder() throws Exception {
        Path log = dir.resolve("container.log");
        int lines = 20_000;
        LogDriver driver = new LocalDriverFactory().create(context(log, Map.of("max-size", "10k", "max-file", "400")));
        LogSource source = driver.read(following(), RUNNING).orElseThrow();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < lines; i++) {
                    driver.log(line(text(i), T0.plusNanos(i)));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            } finally {
                driver.close();
            }
        }, r -> Thread.ofVirtual().start(r));
        List<String> got = texts(readAll(source));
        writer.join();
        assertThat(got).hasSize(lines);
        for (int i = 0; i < lines; i++) {
            assertThat(got.get(i)).isEqualTo(text(i) + "\n");
        }
        assertThat(files(dir).stream().filter(n -> n.endsWith(".gz")).count()).isGreaterThan(100);
    }

    private static void assertInvalid(LocalDriverFactory f, Map<String, String> config, String message) {
        assertThatThrownBy(() -> f.validate(config)).isInstanceOf(BerthException.class).hasMessage(message)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
