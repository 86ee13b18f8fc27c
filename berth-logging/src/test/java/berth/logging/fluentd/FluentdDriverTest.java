package berth.logging.fluentd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.logs.StreamType;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FluentdDriverTest {
    static final String ID = "4f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f";
    static final Instant T = Instant.parse("2026-12-04T19:20:30.123456789Z");

    ForwardReceiver receiver;
    final List<LogDriver> drivers = new ArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = ForwardReceiver.start();
    }

    @AfterEach
    void cleanUp() throws IOException {
        drivers.forEach(LogDriver::close);
        receiver.close();
    }

    LogDriver create(Map<String, String> options) throws IOException {
        Map<String, String> config = new HashMap<>(options);
        config.putIfAbsent("fluentd-address", "127.0.0.1:" + receiver.port());
        LogContext ctx = new LogContext(config, ID, "web", "sha256:" + "ab".repeat(32), "busybox:latest",
                Instant.EPOCH, Map.of("team", "infra", "other", "x"), List.of("STAGE=prod", "PATH=/bin"), null,
                "berth", "host1");
        FluentdDriverFactory factory = new FluentdDriverFactory();
        factory.validate(config);
        LogDriver driver = factory.create(ctx);
        drivers.add(driver);
        return driver;
    }

    static LogMessage line(StreamType stream, String text, Instant at, boolean partial) {
        return new LogMessage(stream, text.getBytes(StandardCharsets.UTF_8), at, partial);
    }

    static LogMessage line(String text) {
        return line(StreamType.STDOUT, text, T, false);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> "");
    }

    /**
     * Waits for {@code condition}, at most 30 s (under the class's 60 s timeout, which would say nothing
     * of where things stood); then fails with {@code state} and every thread's stack, virtual ones too.
     */
    static void await(BooleanSupplier condition, java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting after 30 s: " + state.get() + "\n" + threadDump());
            }
            Thread.sleep(5);
        }
    }

    private static String threadDump() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("threads", ".txt");
            java.nio.file.Files.delete(file);
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            String dump = java.nio.file.Files.readString(file);
            java.nio.file.Files.delete(file);
            return dump;
        } catch (IOException | RuntimeException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    @Test
    void log_sendsDockersRecordUnderTheTag_withWholeSecondTime() throws Exception {
        LogDriver driver = create(Map.of("tag", "docker.{{.Name}}.{{.ID}}", "labels", "team", "env", "STAGE"));
        driver.log(line(StreamType.STDOUT, "hello", T, false));
        driver.log(line(StreamType.STDERR, "oops", T, false));
        await(() -> receiver.events.size() == 2);

        ForwardReceiver.Event out = receiver.events.get(0);
        assertThat(out.tag()).isEqualTo("docker.web." + ID.substring(0, 12));
        assertThat(out.eventTime()).isFalse();
        assertThat(out.time()).isEqualTo(Instant.ofEpochSecond(T.getEpochSecond()));
        assertThat(out.record()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "container_id", ID, "container_name", "/web", "source", "stdout", "log", "hello",
                "team", "infra", "STAGE", "prod"));
        assertThat(out.option()).isEmpty();
        assertThat(receiver.events.get(1).record()).containsEntry("source", "stderr").containsEntry("log", "oops");
    }

    @Test
    void log_defaultTagIsTheShortId() throws Exception {
        LogDriver driver = create(Map.of());
        driver.log(line("x"));
        await(() -> receiver.events.size() == 1);
        assertThat(receiver.events.get(0).tag()).isEqualTo(ID.substring(0, 12));
    }

    @Test
    void subSecondPrecision_sendsEventTime() throws Exception {
        LogDriver driver = create(Map.of("fluentd-sub-second-precision", "true"));
        driver.log(line("precise"));
        await(() -> receiver.events.size() == 1);
        assertThat(receiver.events.get(0).eventTime()).isTrue();
        assertThat(receiver.events.get(0).time()).isEqualTo(T);
    }

    @Test
    void partialLines_carryDockersPartialMetadata() throws Exception {
        LogDriver driver = create(Map.of());
        driver.log(line(StreamType.STDOUT, "aaa", T, true));
        driver.log(line(StreamType.STDOUT, "bbb", T, true));
        driver.log(line(StreamType.STDOUT, "ccc", T, false));
        driver.log(line(StreamType.STDOUT, "whole", T, false));
        await(() -> receiver.events.size() == 4);

        List<Map<String, String>> records = receiver.events.stream().map(ForwardReceiver.Event::record).toList();
        String id = records.get(0).get("partial_id");
        assertThat(id).hasSize(64);
        for (int i = 0; i < 3; i++) {
            assertThat(records.get(i)).containsEntry("partial_message", "true").containsEntry("partial_id", id)
                    .containsEntry("partial_ordinal", Integer.toString(i + 1))
                    .containsEntry("partial_last", Boolean.toString(i == 2));
        }
        assertThat(records.get(3)).doesNotContainKeys("partial_message", "partial_id");
    }

    @Test
    void requestAck_sendsAChunkAndReturnsOnlyOnceAcknowledged() throws Exception {
        LogDriver driver = create(Map.of("fluentd-request-ack", "true"));
        driver.log(line("one"));
        // acknowledged: the receiver has it already, no waiting needed
        assertThat(receiver.lines()).containsExactly("one");
        driver.log(line("two"));
        assertThat(receiver.lines()).containsExactly("one", "two");
        assertThat(receiver.events.get(0).option().get("chunk")).hasSize(24);
        assertThat(receiver.events.get(0).option().get("chunk")).isNotEqualTo(receiver.events.get(1).option().get("chunk"));
    }

    @Test
    void unixAddress_sendsOverTheUnixSocket(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path socket = dir.resolve("fluent.sock");
        try (ForwardReceiver unix = ForwardReceiver.startUnix(socket)) {
            LogDriver driver = create(Map.of("fluentd-address", "unix://" + socket, "fluentd-request-ack", "true"));
            driver.log(line("over unix"));
            assertThat(unix.lines()).containsExactly("over unix");
            driver.close();
        }
    }

    @Test
    void close_failsALogStillWaitingForItsAck() throws Exception {
        receiver.withholdAcks();
        FluentdDriver driver = (FluentdDriver) create(Map.of("fluentd-request-ack", "true"));
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread container = Thread.ofVirtual().start(() -> {
            try {
                driver.log(line("unconfirmed"));
            } catch (IOException e) {
                failures.add(e);
            }
        });
        await(() -> receiver.events.size() == 1);
        driver.close();
        container.join();
        assertThat(failures).hasSize(1);
    }

    @Test
    void nonBlockingMode_overASyncDriverWhoseServerIsGone_neverBlocksAndCountsDrops() throws Exception {
        LogDriver sync = create(Map.of("fluentd-retry-wait", "10ms"));
        receiver.stop();
        berth.logging.buffer.NonBlockingDriver driver = new berth.logging.buffer.NonBlockingDriver(sync, 100);
        for (int i = 0; i < 50; i++) {
            driver.log(line("line " + i)); // returns although the fluentd driver is stuck reconnecting
        }
        assertThat(driver.dropped()).isPositive();
        receiver.restart();
        await(() -> receiver.events.size() + driver.dropped() == 50);
        driver.close();
    }

    @Test
    void sync_createFailsWhenNoServerListens() throws Exception {
        receiver.stop();
        assertThatThrownBy(() -> create(Map.of())).isInstanceOf(IOException.class).hasMessageContaining("dial tcp");
    }

    @Test
    void sync_blocksWhileTheServerIsDown_andDeliversEverythingOnceItReturns() throws Exception {
        blocksWhileTheServerIsDown_andDeliversEverythingOnceItReturns(Map.of("fluentd-retry-wait", "10ms"));
    }

    @Test
    void requestAck_blocksWhileTheServerIsDown_andDeliversEverythingOnceItReturns() throws Exception {
        blocksWhileTheServerIsDown_andDeliversEverythingOnceItReturns(
                Map.of("fluentd-retry-wait", "10ms", "fluentd-request-ack", "true"));
    }

    private void blocksWhileTheServerIsDown_andDeliversEverythingOnceItReturns(Map<String, String> options)
            throws Exception {
        FluentdDriver driver = (FluentdDriver) create(options);
        driver.log(line("before"));
        await(() -> receiver.events.size() == 1, () -> "events " + receiver.lines());
        receiver.stop();

        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread container = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    driver.log(line("during " + i));
                }
            } catch (IOException e) {
                failures.add(e);
            }
        });
        java.util.function.Supplier<String> state = () -> "events " + receiver.lines() + ", failed connects "
                + driver.failedConnects() + ", container thread " + (container.isAlive()
                        ? "at " + java.util.Arrays.toString(container.getStackTrace()) : "done") + ", failures " + failures;
        await(() -> driver.failedConnects() >= 3, state); // the container is held, retrying
        assertThat(container.isAlive()).isTrue();
        receiver.restart();
        await(() -> !container.isAlive(), state);
        await(() -> receiver.events.size() == 11, state);

        assertThat(failures).isEmpty();
        List<String> expected = new ArrayList<>(List.of("before"));
        for (int i = 0; i < 10; i++) {
            expected.add("during " + i);
        }
        assertThat(receiver.lines()).containsExactlyElementsOf(expected);
        assertThat(driver.dropped()).isZero();
    }

    @Test
    void async_neverBlocks_countsDropsWhenTheBufferIsFull_andDeliversTheRestOnceTheServerReturns() throws Exception {
        receiver.stop();
        FluentdDriver driver = (FluentdDriver) create(Map.of("fluentd-async", "true", "fluentd-buffer-limit", "1k",
                "fluentd-retry-wait", "10ms"));
        int total = 200;
        for (int i = 0; i < total; i++) {
            driver.log(line(String.format("line %03d %s", i, "x".repeat(40))));
        }
        assertThat(driver.dropped()).isPositive();
        await(() -> driver.failedConnects() >= 1);
        receiver.restart();
        await(() -> receiver.events.size() + driver.dropped() == total);

        // every line is delivered or counted; those delivered come in order, the first one first (the
        // sender held it while the server was away); the gaps are lines that found the buffer full
        List<Integer> delivered = receiver.lines().stream().map(l -> Integer.parseInt(l.substring(5, 8))).toList();
        assertThat(delivered).isNotEmpty().isSorted().doesNotHaveDuplicates().startsWith(0);
        assertThat(delivered.size()).isLessThan(total);
    }

    @Test
    void async_closeWithTheServerGone_returnsAndCountsWhatIsLeft() throws Exception {
        receiver.stop();
        FluentdDriver driver = (FluentdDriver) create(Map.of("fluentd-async", "true", "fluentd-retry-wait", "1h"));
        for (int i = 0; i < 5; i++) {
            driver.log(line("lost " + i));
        }
        driver.close();
        assertThat(driver.dropped()).isEqualTo(5);
        assertThatThrownBy(() -> driver.log(line("late"))).isInstanceOf(IOException.class);
    }

    @Test
    void async_closeDeliversWhatIsQueuedWhenTheServerIsUp() throws Exception {
        FluentdDriver driver = (FluentdDriver) create(Map.of("fluentd-async", "true"));
        for (int i = 0; i < 100; i++) {
            driver.log(line("queued " + i));
        }
        driver.close();
        await(() -> receiver.events.size() == 100);
        assertThat(driver.dropped()).isZero();
        assertThat(receiver.lines().getLast()).isEqualTo("queued 99");
    }
}
