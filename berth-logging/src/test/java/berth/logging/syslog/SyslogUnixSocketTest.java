package berth.logging.syslog;

import berth.sys.UnixDatagramSocket;

import static berth.logging.tag.TestContexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** unix:// (stream) and unixgram:// sockets made by the test, and the datagram socket's bounded send. */
class SyslogUnixSocketTest {
    private Path dir;

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-syslog");
    }

    @AfterEach
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static LogMessage line(String text) {
        return new LogMessage(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8), Instant.now(), false);
    }

    private static LogDriver driver(String address) throws IOException {
        return new SyslogDriverFactory().create(context(Map.of("syslog-address", address, "syslog-format", "rfc5424")));
    }

    @Test
    void unixStream_sendsNewlineEndedMessages_andReconnectsToANewListener() throws IOException {
        Path socket = dir.resolve("stream.sock");
        ServerSocketChannel server = listen(socket);
        try (LogDriver driver = driver("unix://" + socket)) {
            SocketChannel first = server.accept();
            BufferedReader in = reader(first);
            driver.log(line("one"));
            driver.log(line("two"));
            assertThat(in.readLine()).matches("<30>1 \\S+ \\S+ 0123456789ab \\d+ 0123456789ab - one");
            assertThat(in.readLine()).endsWith(" - two");
            first.close();
            server.close();
            Files.delete(socket);

            server = listen(socket);
            driver.log(line("three"));
            try (SocketChannel second = server.accept()) {
                assertThat(reader(second).readLine()).endsWith(" - three");
            }
        } finally {
            server.close();
        }
    }

    @Test
    void unixgram_sendsOneDatagramPerLine() throws IOException {
        Path socket = dir.resolve("dgram.sock");
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(socket);
             LogDriver driver = driver("unixgram://" + socket)) {
            driver.log(line("datagram"));
            UnixDatagramSocket.Datagram got = receiver.receive(4096, Duration.ofSeconds(30));
            assertThat(got).as("a datagram within 30 s").isNotNull();
            assertThat(new String(got.data(), StandardCharsets.UTF_8)).endsWith(" - datagram\n");
        }
    }

    @Test
    void noAddress_findsTheLocalDaemonsDatagramSocket_andUsesTheUnixFormat() throws IOException {
        Path missing = dir.resolve("absent.sock");
        Path socket = dir.resolve("devlog.sock");
        try (UnixDatagramSocket receiver = UnixDatagramSocket.bind(socket);
             LogDriver driver = new SyslogDriverFactory().create(context(Map.of("syslog-format", "rfc5424")),
                     List.of(missing, socket))) {
            driver.log(line("local"));
            UnixDatagramSocket.Datagram got = receiver.receive(4096, Duration.ofSeconds(30));
            assertThat(got).as("a datagram within 30 s").isNotNull();
            assertThat(new String(got.data(), StandardCharsets.UTF_8))
                    .matches("<30>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d 0123456789ab\\[\\d+]: local\n");
        }
    }

    @Test
    void noAddress_andNoLocalDaemon_failsToCreate() {
        assertThatThrownBy(() -> new SyslogDriverFactory().create(context(Map.of()), List.of(dir.resolve("none.sock"))))
                .isInstanceOf(IOException.class).hasMessage("Unix syslog delivery error");
    }

    @Test
    void unixgram_sendToAReceiverThatNeverReads_failsInsteadOfBlocking() throws IOException {
        Path socket = dir.resolve("full.sock");
        UnixDatagramSocket receiver = UnixDatagramSocket.bind(socket);
        try (receiver; UnixDatagramSocket sender = UnixDatagramSocket.connect(socket)) {
            byte[] message = new byte[1024];
            assertThatThrownBy(() -> {
                while (true) {
                    sender.send(message, Duration.ofMillis(50));
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("the receiver is not reading");
        }
    }

    private static ServerSocketChannel listen(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    private static BufferedReader reader(SocketChannel channel) {
        return new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }
}
