package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnixDatagramSocketTest {
    @TempDir
    Path dir;

    @Test
    void sendTo_deliversOneDatagramPerCall() throws Exception {
        Path path = dir.resolve("d.sock");
        try (UnixDatagramSocket server = UnixDatagramSocket.bind(path);
             UnixDatagramSocket client = UnixDatagramSocket.open()) {
            client.sendTo(path, "one".getBytes(StandardCharsets.UTF_8));
            client.sendTo(path, new byte[0]);
            client.sendTo(path, "three".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(server.receive(100).data(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(server.receive(100).length()).isZero();
            UnixDatagramSocket.Datagram cut = server.receive(2);
            assertThat(cut.data()).hasSize(2);
            assertThat(cut.length()).isEqualTo(5);
        }
    }

    @Test
    void sendTo_passesDescriptors() throws Exception {
        Path path = dir.resolve("fd.sock");
        try (UnixDatagramSocket server = UnixDatagramSocket.bind(path);
             UnixDatagramSocket client = UnixDatagramSocket.open()) {
            int memfd = SealedMemFd.create("test", "payload".getBytes(StandardCharsets.UTF_8));
            try {
                client.sendTo(path, new byte[0], memfd);
            } finally {
                Fds.closeQuietly(memfd);
            }
            UnixDatagramSocket.Datagram d = server.receive(16);
            assertThat(d.fds()).hasSize(1);
            try {
                assertThat(Files.readString(Path.of("/proc/self/fd/" + d.fds()[0]))).isEqualTo("payload");
            } finally {
                Fds.closeQuietly(d.fds()[0]);
            }
        }
    }

    @Test
    void sendTo_failsWhenNobodyIsBound() throws Exception {
        try (UnixDatagramSocket client = UnixDatagramSocket.open()) {
            assertThatThrownBy(() -> client.sendTo(dir.resolve("absent.sock"), new byte[] {1}))
                    .isInstanceOf(ErrnoException.class)
                    .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ErrnoException.ENOENT));
        }
    }

    @Test
    void close_wakesABlockedReceive() throws Exception {
        UnixDatagramSocket server = UnixDatagramSocket.bind(dir.resolve("w.sock"));
        CompletableFuture<UnixDatagramSocket.Datagram> received = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                received.complete(server.receive(16));
            } catch (Exception e) {
                received.completeExceptionally(e);
            }
        });
        // wait until the thread is inside receive's native call (past its open check): from there on,
        // whether close lands before or during recvmsg, receive must return null
        while (!inNativeReceive(t)) {
            Thread.sleep(1); // interruptible, so @Timeout can end a test that never gets there
        }
        server.close();
        assertThat(received.get()).isNull();
    }

    private static boolean inNativeReceive(Thread t) {
        StackTraceElement[] stack = t.getStackTrace();
        boolean inReceive = false;
        for (StackTraceElement frame : stack) {
            inReceive |= frame.getMethodName().equals("receive") && frame.getClassName().equals(UnixDatagramSocket.class.getName());
        }
        return inReceive && stack.length > 0 && !stack[0].getMethodName().equals("requireOpen");
    }
}
