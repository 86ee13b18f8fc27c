package berth.logging.journald;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logs.StreamType;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import berth.sys.Fds;
import berth.sys.SealedMemFd;
import berth.sys.UnixDatagramSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournaldDriverTest {
    static final String ID = "9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f4f2a";

    @TempDir
    Path dir;
    Path socketPath;
    UnixDatagramSocket journal;
    LogDriver driver;

    @BeforeEach
    void bindJournal() throws IOException {
        socketPath = dir.resolve("journal.sock");
        journal = UnixDatagramSocket.bind(socketPath);
    }

    @AfterEach
    void cleanUp() {
        if (driver != null) {
            driver.close();
        }
        journal.close();
    }

    static LogContext context(Map<String, String> options) {
        return new LogContext(new HashMap<>(options), ID, "web", "sha256:" + "cd".repeat(32), "nginx:1.27",
                Instant.EPOCH, Map.of("com.example.team", "infra"), List.of("STAGE=prod"), null, "berth", "host1");
    }

    LogDriver create(Map<String, String> options) throws IOException {
        JournaldDriverFactory factory = new JournaldDriverFactory(socketPath);
        factory.validate(options);
        driver = factory.create(context(options));
        return driver;
    }

    static LogMessage line(StreamType stream, String text, boolean partial) {
        return new LogMessage(stream, text.getBytes(StandardCharsets.UTF_8), Instant.now(), partial);
    }

    Map<String, String> receive() throws IOException {
        UnixDatagramSocket.Datagram d = journal.receive(1 << 20);
        assertThat(d.fds()).isEmpty();
        return JournalDecoder.decodeStrings(d.data());
    }

    @Test
    void log_sendsDockersFieldsInTheNativeProtocol() throws Exception {
        create(Map.of("tag", "{{.ImageName}}/{{.Name}}", "labels", "com.example.team", "env", "STAGE"));
        driver.log(line(StreamType.STDOUT, "hello", false));
        driver.log(line(StreamType.STDERR, "oops", false));

        Map<String, String> out = receive();
        assertThat(out).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MESSAGE", "hello", "PRIORITY", "6",
                "CONTAINER_ID", ID.substring(0, 12), "CONTAINER_ID_FULL", ID, "CONTAINER_NAME", "web",
                "CONTAINER_TAG", "nginx:1.27/web", "IMAGE_NAME", "nginx:1.27", "SYSLOG_IDENTIFIER", "nginx:1.27/web",
                "COM_EXAMPLE_TEAM", "infra", "STAGE", "prod"));
        Map<String, String> err = receive();
        assertThat(err).containsEntry("MESSAGE", "oops").containsEntry("PRIORITY", "3");
    }

    @Test
    void log_defaultTagIsTheShortId_andPiecesOfALongLineAreMarkedPartial() throws Exception {
        create(Map.of());
        driver.log(line(StreamType.STDOUT, "first piece", true));
        driver.log(line(StreamType.STDOUT, "last piece", false));
        Map<String, String> first = receive();
        assertThat(first).containsEntry("CONTAINER_TAG", ID.substring(0, 12))
                .containsEntry("CONTAINER_PARTIAL_MESSAGE", "true");
        assertThat(receive()).doesNotContainKey("CONTAINER_PARTIAL_MESSAGE");
    }

    @Test
    void log_sendsAValueWithANewlineInTheBinarySafeForm() throws Exception {
        create(Map.of());
        driver.log(line(StreamType.STDOUT, "two\nlines", false));
        UnixDatagramSocket.Datagram d = journal.receive(1 << 20);
        String raw = new String(d.data(), StandardCharsets.ISO_8859_1);
        assertThat(raw).startsWith("MESSAGE\n\u0009\0\0\0\0\0\0\0two\nlines\n");
        assertThat(JournalDecoder.decodeStrings(d.data())).containsEntry("MESSAGE", "two\nlines");
    }

    @Test
    void log_sendsAnEntryTooLargeForADatagramAsASealedMemfd() throws Exception {
        create(Map.of());
        String big = "x".repeat(4 << 20);
        driver.log(line(StreamType.STDOUT, big, false));
        UnixDatagramSocket.Datagram d = journal.receive(1 << 16);
        assertThat(d.length()).isZero();
        assertThat(d.fds()).hasSize(1);
        int fd = d.fds()[0];
        try {
            assertThat(SealedMemFd.seals(fd) & SealedMemFd.F_SEAL_WRITE).isNotZero();
            byte[] entry = Files.readAllBytes(Path.of("/proc/self/fd/" + fd));
            assertThat(JournalDecoder.decodeStrings(entry)).containsEntry("MESSAGE", big)
                    .containsEntry("CONTAINER_NAME", "web");
        } finally {
            Fds.closeQuietly(fd);
        }
    }

    @Test
    void log_failsWhenJournaldIsGone() throws Exception {
        create(Map.of());
        journal.close();
        Files.delete(socketPath);
        assertThatThrownBy(() -> driver.log(line(StreamType.STDOUT, "lost", false))).isInstanceOf(IOException.class);
    }

    @Test
    void create_failsWhereJournaldIsNotRunning() {
        JournaldDriverFactory factory = new JournaldDriverFactory(dir.resolve("no-journal.sock"));
        assertThat(factory.enabled()).isFalse();
        assertThatThrownBy(() -> factory.create(context(Map.of())))
                .isInstanceOf(BerthException.class)
                .hasMessage("journald is not enabled on this host")
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.FAILED_PRECONDITION));
    }

    @Test
    void validate_takesDockersOptionsOnly() {
        JournaldDriverFactory factory = new JournaldDriverFactory(socketPath);
        factory.validate(Map.of("tag", "{{.Name}}", "labels", "a", "env", "B", "mode", "non-blocking"));
        assertThatThrownBy(() -> factory.validate(Map.of("journald-path", "/x")))
                .hasMessage("unknown log opt 'journald-path' for journald log driver");
    }

    @Test
    void fieldName_sanitizesAsDocker() {
        assertThat(JournalEntry.fieldName("com.example.team")).isEqualTo("COM_EXAMPLE_TEAM");
        assertThat(JournalEntry.fieldName("_private-key")).isEqualTo("PRIVATE_KEY");
        assertThat(JournalEntry.fieldName("Path9")).isEqualTo("PATH9");
    }

    /** Against the host's journald, where one runs (not on the CI machines we have seen: no systemd). */
    @Test
    void realJournald_storesTheEntry() throws Exception {
        JournaldDriverFactory real = new JournaldDriverFactory();
        assumeTrue(real.enabled(), "no systemd-journald on this host (" + JournaldDriverFactory.JOURNAL_SOCKET + " absent)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/journalctl")), "no journalctl to read the journal back");
        String marker = "berth-journald-test-" + UUID.randomUUID();
        try (LogDriver d = real.create(context(Map.of()))) {
            d.log(line(StreamType.STDOUT, marker, false));
        }
        Process p = new ProcessBuilder("journalctl", "--sync").inheritIO().start();
        p.waitFor();
        p = new ProcessBuilder("journalctl", "-o", "cat", "CONTAINER_ID_FULL=" + ID, "MESSAGE=" + marker)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out).contains(marker);
    }
}
