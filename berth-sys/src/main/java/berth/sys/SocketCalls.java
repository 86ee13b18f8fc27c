package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicInteger;

/** The recv and shutdown-then-close steps the unix socket classes share. */
final class SocketCalls {
    private static final MethodHandle RECV = Libc.downcall("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SHUTDOWN = Libc.downcall("shutdown",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final int SHUT_RDWR = 2;

    private SocketCalls() {}

    /**
     * One recv into {@code buffer}, retried on EINTR: what recv returned (with MSG_TRUNC a message's
     * real length, which may exceed the buffer), or -1 at end of stream or once {@code fd} was closed
     * by another thread.
     */
    static long receive(int s, AtomicInteger fd, byte[] buffer, int flags, String what) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(buffer.length, 1));
            MemorySegment state = Libc.errnoState(arena);
            long r;
            do {
                r = (long) RECV.invokeExact(state, s, buf, (long) buffer.length, flags);
            } while (r == -1 && Libc.errno(state) == ErrnoException.EINTR);
            if (r == -1 && fd.get() == -1) {
                return -1;
            }
            Libc.check(r, state, "recv from", what);
            if (r == 0) {
                return -1;
            }
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, buffer, 0, (int) Math.min(r, buffer.length));
            return r;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Closes a socket taken out of {@code fd} (idempotent). shutdown first: it wakes a thread blocked
     * in recv or accept, which close alone would leave blocked.
     */
    static void shutdownAndClose(AtomicInteger fd) {
        int s = fd.getAndSet(-1);
        if (s == -1) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) SHUTDOWN.invokeExact(Libc.errnoState(arena), s, SHUT_RDWR);
        } catch (Throwable t) {
            // best effort: the close below still releases the descriptor
        }
        Fds.closeQuietly(s);
    }
}
