package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeqPacketSocketTest {
    private Path dir;

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("berth-seqpacket");
    }

    @AfterEach
    void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void messagesKeepTheirBoundariesAndShutdownGivesEndOfStream() throws Exception {
        Path path = dir.resolve("s.sock");
        try (SeqPacketSocket server = SeqPacketSocket.listen(path, 4)) {
            CompletableFuture<SeqPacketSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (SeqPacketSocket client = SeqPacketSocket.connect(path);
                 SeqPacketSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                client.send("one".getBytes(StandardCharsets.UTF_8));
                client.send("two!".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();

                byte[] buf = new byte[64];
                int n = peer.receive(buf);
                assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("one");
                n = peer.receive(buf);
                assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("two!");
                assertThat(peer.receive(buf)).isEqualTo(-1);

                // the half-closed client can still read what the server sends back
                peer.send(new byte[] {2, 'o', 'k'});
                n = client.receive(buf);
                assertThat(Arrays.copyOf(buf, n)).containsExactly(2, 'o', 'k');
            }
        }
    }

    @Test
    void pathsLongerThanSunPathWork() throws Exception {
        Path deep = dir;
        while (deep.toString().length() < 150) {
            deep = deep.resolve("a-long-directory-name");
        }
        Files.createDirectories(deep);
        Path path = deep.resolve("attach");
        assertThat(path.toString().length()).isGreaterThan(108);
        try (SeqPacketSocket server = SeqPacketSocket.listen(path, 1)) {
            assertThat(path).exists();
            CompletableFuture<SeqPacketSocket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (SeqPacketSocket client = SeqPacketSocket.connect(path);
                 SeqPacketSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                client.send(new byte[] {42});
                byte[] buf = new byte[4];
                assertThat(peer.receive(buf)).isEqualTo(1);
                assertThat(buf[0]).isEqualTo((byte) 42);
            }
        }
    }

    @Test
    void connect_toAMissingSocketFailsWithErrno() {
        assertThatThrownBy(() -> SeqPacketSocket.connect(dir.resolve("nothing")))
                .isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ErrnoException.ENOENT))
                .hasMessageContaining("nothing");
    }

    @Test
    void close_wakesABlockedReceive() throws Exception {
        Path path = dir.resolve("w.sock");
        try (SeqPacketSocket server = SeqPacketSocket.listen(path, 1);
             SeqPacketSocket client = SeqPacketSocket.connect(path);
             SeqPacketSocket peer = server.accept()) {
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.receive(new byte[8]);
                } catch (IOException e) {
                    return -2;
                }
            });
            Thread.sleep(100);
            assertThat(peer.isOpen()).isTrue();
            assertThat(read).isNotDone();
            client.close();
            assertThat(read.get(5, TimeUnit.SECONDS)).isIn(-1, -2);
            assertThat(client.isOpen()).isFalse();
            assertThatThrownBy(() -> client.send(new byte[1])).isInstanceOf(IOException.class).hasMessageContaining("closed");
        }
    }
}
