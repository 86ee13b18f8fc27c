package berth.logging.daemon;

import static berth.logging.logfile.LogTestSupport.RUNNING;
import static berth.logging.logfile.LogTestSupport.T0;
import static berth.logging.logfile.LogTestSupport.context;
import static berth.logging.logfile.LogTestSupport.following;
import static berth.logging.logfile.LogTestSupport.line;
import static berth.logging.logfile.LogTestSupport.readAll;
import static berth.logging.logfile.LogTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logging.buffer.NonBlockingDriver;
import berth.logs.LogOptions;
import berth.logs.driver.LogConfig;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drivers opened for a container's run, read while open and read back once closed, in Docker's file layout. */
class ContainerLogDriversReadTest {
    private static final ContainerLogDrivers DRIVERS = ContainerLogDrivers.standard(LogConfig.JSON_FILE);
    private static final List<String> LINES = IntStream.range(0, 50).mapToObj(i -> "line " + i).toList();
    private static final List<String> READ = LINES.stream().map(l -> l + "\n").toList();

    @TempDir
    Path dir;

    private LogContext container() {
        return context(dir.resolve("abc-json.log"), Map.of("ignored", "the config given to open is the one used"));
    }

    private static void logAll(LogDriver driver) throws IOException {
        for (int i = 0; i < LINES.size(); i++) {
            driver.log(line(LINES.get(i), T0.plusMillis(i)));
        }
    }

    @Test
    void jsonFile_writesAtTheLogPath_andIsReadWhileOpenAndOnceClosed() throws Exception {
        LogConfig config = DRIVERS.resolve(new LogConfig("", Map.of("max-size", "1k", "max-file", "3")));
        try (LogDriver driver = DRIVERS.open(config, container())) {
            logAll(driver);
            assertThat(texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()))).endsWith(READ.getLast());
        }
        assertThat(dir.resolve("abc-json.log")).exists();
        assertThat(dir.resolve("abc-json.log.1")).exists();
        List<String> stored = texts(readAll(DRIVERS.readStored(config, container(), LogOptions.all())));
        assertThat(READ).endsWith(stored.toArray(String[]::new));
        assertThat(stored.size()).isGreaterThan(10);
    }

    @Test
    void local_writesUnderLocalLogs_asDocker() throws Exception {
        LogConfig config = DRIVERS.resolve(new LogConfig("local", Map.of()));
        try (LogDriver driver = DRIVERS.open(config, container())) {
            logAll(driver);
            assertThat(texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()))).isEqualTo(READ);
        }
        assertThat(dir.resolve("local-logs/container.log")).exists();
        assertThat(dir.resolve("abc-json.log")).doesNotExist();
        assertThat(texts(readAll(DRIVERS.readStored(config, container(), following())))).isEqualTo(READ);
    }

    @Test
    void nonBlockingMode_putsTheDriverInARingBuffer_thatStillReads() throws Exception {
        LogConfig config = DRIVERS.resolve(new LogConfig("json-file", Map.of("mode", "non-blocking")));
        try (LogDriver driver = DRIVERS.open(config, container())) {
            assertThat(driver).isInstanceOf(NonBlockingDriver.class);
            logAll(driver);
        }
        assertThat(texts(readAll(DRIVERS.readStored(config, container(), LogOptions.all())))).isEqualTo(READ);
    }

    @Test
    void gelfToAReceiverThatIsDown_keepsEveryLineInTheCache_readWhileOpenAndOnceClosed() throws Exception {
        LogConfig config = DRIVERS.resolve(new LogConfig("gelf", Map.of("gelf-address", "udp://127.0.0.1:" + freeUdpPort())));
        CompletableFuture<Void> end = new CompletableFuture<>();
        try (LogDriver driver = DRIVERS.open(config, container())) {
            var follower = driver.read(following(), end).orElseThrow();
            logAll(driver);
            end.complete(null);
            assertThat(texts(readAll(follower))).isEqualTo(READ);
            assertThat(texts(readAll(driver.read(LogOptions.all(), end).orElseThrow()))).isEqualTo(READ);
        }
        assertThat(dir.resolve("container-cached.log")).exists();
        assertThat(texts(readAll(DRIVERS.readStored(config, container(), LogOptions.all())))).isEqualTo(READ);
    }

    @Test
    void aRemoteThatFails_stillLeavesEveryLineInTheCache_andItsDropsAreTheDrivers() throws Exception {
        LogDriver driver;
        int failed = 0;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LogConfig config = DRIVERS.resolve(new LogConfig("gelf", Map.of(
                    "gelf-address", "tcp://127.0.0.1:" + server.getLocalPort(), "gelf-tcp-max-reconnect", "0")));
            driver = DRIVERS.open(config, container());
            Socket accepted = server.accept();
            accepted.setSoLinger(true, 0); // the receiver goes away: a reset, and nothing listens any more
            accepted.close();
        }
        try (driver) {
            for (int i = 0; i < LINES.size(); i++) {
                try {
                    driver.log(line(LINES.get(i), T0.plusMillis(i)));
                } catch (IOException e) {
                    failed++;
                }
            }
            assertThat(failed).isPositive();
            assertThat(driver.dropped()).isEqualTo(failed);
            assertThat(texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()))).isEqualTo(READ);
        }
    }

    @Test
    void aDisabledCache_leavesNothingToRead() throws Exception {
        LogConfig config = DRIVERS.resolve(new LogConfig("gelf",
                Map.of("gelf-address", "udp://127.0.0.1:" + freeUdpPort(), "cache-disabled", "true")));
        try (LogDriver driver = DRIVERS.open(config, container())) {
            logAll(driver);
            assertThat(driver.read(LogOptions.all(), RUNNING)).isEmpty();
        }
        assertThat(dir.resolve("container-cached.log")).doesNotExist();
        assertNotImplemented(config);
    }

    @Test
    void theCacheOptions_rotateTheCache() throws Exception {
        LogConfig config = DRIVERS.resolve(new LogConfig("gelf", Map.of("gelf-address", "udp://127.0.0.1:" + freeUdpPort(),
                "cache-max-size", "1k", "cache-max-file", "2", "cache-compress", "false")));
        try (LogDriver driver = DRIVERS.open(config, container())) {
            logAll(driver);
        }
        assertThat(dir.resolve("container-cached.log.1")).exists();
        assertThat(dir.resolve("container-cached.log.2")).doesNotExist();
        List<String> stored = texts(readAll(DRIVERS.readStored(config, container(), LogOptions.all())));
        assertThat(stored).isNotEmpty().isSubsetOf(READ).endsWith(READ.getLast());
    }

    @Test
    void none_discardsAndHasNothingToRead() throws Exception {
        LogConfig config = DRIVERS.resolve(new LogConfig("none", Map.of()));
        try (LogDriver driver = DRIVERS.open(config, container())) {
            logAll(driver);
            assertThat(driver.read(LogOptions.all(), RUNNING)).isEmpty();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
        assertNotImplemented(config);
    }

    @Test
    void aContainerThatNeverLogged_readsAsEmpty() throws Exception {
        assertThat(readAll(DRIVERS.readStored(LogConfig.JSON_FILE, container(), LogOptions.all()))).isEmpty();
        LogConfig gelf = DRIVERS.resolve(new LogConfig("gelf", Map.of("gelf-address", "udp://127.0.0.1:12201")));
        assertThat(readAll(DRIVERS.readStored(gelf, container(), LogOptions.all()))).isEmpty();
    }

    private void assertNotImplemented(LogConfig config) {
        assertThatThrownBy(() -> DRIVERS.readStored(config, container(), LogOptions.all()))
                .isInstanceOf(BerthException.class).hasMessage("configured logging driver does not support reading")
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED));
    }

    /** A UDP port nothing listens on (bound, then released). */
    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
