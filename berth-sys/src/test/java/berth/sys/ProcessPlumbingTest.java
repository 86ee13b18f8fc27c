package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The descriptor plumbing the exec agent needs: sealed memfds, spawning with fds, passing fds. */
class ProcessPlumbingTest {
    @Test
    void sealedMemFd_holdsTheBytesAndRefusesWritesEvenThroughAReopen() throws Exception {
        int fd = SealedMemFd.create("test", "hello".getBytes(StandardCharsets.UTF_8));
        try {
            assertThat(SealedMemFd.seals(fd)).isEqualTo(SealedMemFd.ALL_SEALS);
            assertThat(Files.readString(Path.of("/proc/self/fd/" + fd))).isEqualTo("hello");
            assertThatThrownBy(() -> {
                try (FileOutputStream out = new FileOutputStream("/proc/self/fd/" + fd, true)) {
                    out.write('x');
                }
            }).isInstanceOf(IOException.class);
            assertThat(Files.readString(Path.of("/proc/self/fd/" + fd))).isEqualTo("hello");
        } finally {
            Fds.closeQuietly(fd);
        }
    }

    @Test
    void spawn_passesDescriptorsAtThreeAndUpAndNothingElse(@TempDir Path dir) throws Exception {
        int[] pipe = Fds.pipe();
        int high = Fds.dupAtLeast(pipe[1], 10);
        Fds.closeQuietly(pipe[1]);
        try (InputStream in = new FileInputStream("/proc/self/fd/" + pipe[0])) {
            Fds.closeQuietly(pipe[0]);
            Path marker = dir.resolve("fds");
            int pid = PosixSpawn.spawn(List.of("/bin/sh", "-c", "ls /proc/self/fd > " + marker + "; echo via3 >&3"),
                    List.of("PATH=/bin:/usr/bin"), high);
            Fds.closeQuietly(high);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("via3\n");
            assertThat(PosixSpawn.exitCode(PosixSpawn.waitFor(pid))).isZero();
            // 0-2, 3 and the one ls opens to list them
            assertThat(Files.readAllLines(marker)).containsExactlyInAnyOrder("0", "1", "2", "3", "4");
        }
    }

    @Test
    void spawn_refusesASourceThatADup2WouldOverwrite() {
        assertThatThrownBy(() -> PosixSpawn.spawn(List.of("/bin/true"), List.of(), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exitCode_isTheCodeOr128PlusTheSignal() {
        assertThat(PosixSpawn.exitCode(3 << 8)).isEqualTo(3);
        assertThat(PosixSpawn.exitCode(9)).isEqualTo(137);
    }

    @Test
    void fdPassingSocket_carriesDescriptorsToAPeerProcessAndReportsOversizedMessagesAndEof() throws Exception {
        // the peer is python (socket.recv_fds): it writes the message into the descriptor it got,
        // answers with 100 bytes and exits
        String peer = "import os, socket\n"
                + "s = socket.socket(fileno=3)\n"
                + "msg, fds, _, _ = socket.recv_fds(s, 100, 4)\n"
                + "os.write(fds[0], msg + b' ' + str(len(fds)).encode())\n"
                + "s.send(b'x' * 100)\n";
        FdPassingSocket.Pair pair = FdPassingSocket.pair();
        int[] pipe = Fds.pipe();
        try (FdPassingSocket local = pair.local(); InputStream in = new FileInputStream("/proc/self/fd/" + pipe[0])) {
            Fds.closeQuietly(pipe[0]);
            int peerFd = Fds.dupAtLeast(pair.peerFd(), 10);
            Fds.closeQuietly(pair.peerFd());
            int pid = PosixSpawn.spawn(List.of("/usr/bin/python3", "-c", peer), List.of(), peerFd);
            Fds.closeQuietly(peerFd);
            local.send("hi".getBytes(StandardCharsets.UTF_8), pipe[1]);
            Fds.closeQuietly(pipe[1]);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi 1");
            byte[] small = new byte[16];
            assertThat(local.receive(small)).isEqualTo(100);
            assertThat(local.receive(small)).isEqualTo(-1);
            assertThat(PosixSpawn.exitCode(PosixSpawn.waitFor(pid))).isZero();
        }
    }
}
