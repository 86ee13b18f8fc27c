package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One end of a unix SOCK_SEQPACKET socketpair that can send descriptors (SCM_RIGHTS) along with a
 * message: a control channel to a helper process started with the other end. Message boundaries are
 * kept; a message larger than the receive buffer is reported with its real length, never silently cut.
 *
 * <p>One thread may send while another receives; {@link #close()} from any thread wakes a blocked
 * receive (it returns -1). A blocked receive holds its carrier thread: receive on a platform thread.
 */
public final class FdPassingSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSGHDR_SIZE = 56;
    private static final int CMSG_HEADER = 16;

    private static final MethodHandle SOCKETPAIR = Libc.downcall("socketpair", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SENDMSG = Libc.downcall("sendmsg", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    /** This end, and the raw descriptor of the other end for the caller to hand over (then close). */
    public record Pair(FdPassingSocket local, int peerFd) {}

    private final AtomicInteger fd;

    private FdPassingSocket(int fd) {
        this.fd = new AtomicInteger(fd);
    }

    /** A new connected pair, both ends close-on-exec. */
    public static Pair pair() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            MemorySegment state = Libc.errnoState(arena);
            Libc.check((int) SOCKETPAIR.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), state,
                    "socketpair(AF_UNIX, SOCK_SEQPACKET)", "");
            return new Pair(new FdPassingSocket(fds.getAtIndex(ValueLayout.JAVA_INT, 0)),
                    fds.getAtIndex(ValueLayout.JAVA_INT, 1));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Sends {@code data} as one message with {@code fds} attached (duplicated into the peer). */
    public void send(byte[] data, int... fds) throws IOException {
        int s = requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(data.length, 1));
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ValueLayout.ADDRESS, 0, buf);
            iov.set(ValueLayout.JAVA_LONG, 8, data.length);
            MemorySegment msg = arena.allocate(MSGHDR_SIZE, 8);
            msg.set(ValueLayout.ADDRESS, 16, iov);
            msg.set(ValueLayout.JAVA_LONG, 24, 1L);
            if (fds.length > 0) {
                long len = CMSG_HEADER + 4L * fds.length;
                long space = (len + 7) & ~7L;
                MemorySegment control = arena.allocate(space, 8);
                control.set(ValueLayout.JAVA_LONG, 0, len);
                control.set(ValueLayout.JAVA_INT, 8, SOL_SOCKET);
                control.set(ValueLayout.JAVA_INT, 12, SCM_RIGHTS);
                for (int i = 0; i < fds.length; i++) {
                    control.set(ValueLayout.JAVA_INT, CMSG_HEADER + 4L * i, fds[i]);
                }
                msg.set(ValueLayout.ADDRESS, 32, control);
                msg.set(ValueLayout.JAVA_LONG, 40, space);
            }
            MemorySegment state = Libc.errnoState(arena);
            long r;
            do {
                r = (long) SENDMSG.invokeExact(state, s, msg, MSG_NOSIGNAL);
            } while (r == -1 && Libc.errno(state) == ErrnoException.EINTR);
            Libc.check(r, state, "sendmsg", "control socket");
            if (r != data.length) {
                throw new IOException("sendmsg sent " + r + " of " + data.length + " bytes");
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Receives one message into {@code buffer}: its real length (larger than the buffer when it was
     * cut), or -1 at end of stream (the peer is gone or this end was closed).
     */
    public int receive(byte[] buffer) throws IOException {
        long r = SocketCalls.receive(requireOpen(), fd, buffer, MSG_TRUNC, "control socket");
        return (int) Math.min(r, Integer.MAX_VALUE);
    }

    public boolean isOpen() {
        return fd.get() != -1;
    }

    /** Closes this end; idempotent. A receive blocked in another thread returns -1, the peer reads EOF. */
    @Override
    public void close() {
        SocketCalls.shutdownAndClose(fd);
    }

    private int requireOpen() throws IOException {
        int s = fd.get();
        if (s == -1) {
            throw new IOException("control socket is closed");
        }
        return s;
    }
}
