package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unix-domain SOCK_SEQPACKET socket, which the JDK's channels cannot open: conmon's attach socket
 * is one. Each {@link #send} is one message and each {@link #receive} returns one message (a message
 * larger than the buffer is truncated by the kernel, so size buffers to the peer's messages).
 *
 * <p>Socket paths longer than {@code sun_path} (108 bytes) work: the parent directory is opened
 * with O_PATH and the address becomes {@code /proc/self/fd/N/name}.
 *
 * <p>One thread may send while another receives; {@link #close()} from any thread wakes a blocked
 * receive (it returns -1).
 */
public final class SeqPacketSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SHUT_RD = 0;
    private static final int SHUT_WR = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int O_PATH = 0x200000;
    private static final int O_DIRECTORY = 0x10000;
    private static final int O_CLOEXEC = 0x80000;
    private static final int SUN_PATH_MAX = 108;
    private static final int SOCKADDR_UN_SIZE = 2 + SUN_PATH_MAX;

    private static final MethodHandle SOCKET = Libc.downcall("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CONNECT = Libc.downcall("connect",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = Libc.downcall("bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle LISTEN = Libc.downcall("listen",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle ACCEPT4 = Libc.downcall("accept4", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = Libc.downcall("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SHUTDOWN = Libc.downcall("shutdown",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = Libc.downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = Libc.downcall("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    /** The descriptor; -1 once closed, so close is idempotent and later calls fail cleanly. */
    private final AtomicInteger fd;
    private final String description;

    private SeqPacketSocket(int fd, String description) {
        this.fd = new AtomicInteger(fd);
        this.description = description;
    }

    /** Connects to the SEQPACKET socket at {@code path}. ECONNREFUSED/ENOENT come back as {@link ErrnoException}. */
    public static SeqPacketSocket connect(Path path) throws IOException {
        int s = newSocket(path);
        try {
            withAddress(path, (arena, addr) -> {
                MemorySegment state = Libc.errnoState(arena);
                int r;
                do {
                    r = (int) CONNECT.invokeExact(state, s, addr, SOCKADDR_UN_SIZE);
                } while (r == -1 && Libc.errno(state) == ErrnoException.EINTR);
                Libc.check(r, state, "connect", path.toString());
            });
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
        return new SeqPacketSocket(s, path.toString());
    }

    /** Binds a listening SEQPACKET socket at {@code path} (which must not exist) with the given backlog. */
    public static SeqPacketSocket listen(Path path, int backlog) throws IOException {
        int s = newSocket(path);
        try {
            withAddress(path, (arena, addr) -> {
                MemorySegment state = Libc.errnoState(arena);
                Libc.check((int) BIND.invokeExact(state, s, addr, SOCKADDR_UN_SIZE), state, "bind", path.toString());
                Libc.check((int) LISTEN.invokeExact(state, s, backlog), state, "listen", path.toString());
            });
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
        return new SeqPacketSocket(s, path.toString());
    }

    /** Waits for and returns the next connection on a listening socket. */
    public SeqPacketSocket accept() throws IOException {
        int s = requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int r;
            do {
                r = (int) ACCEPT4.invokeExact(state, s, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC);
            } while (r == -1 && Libc.errno(state) == ErrnoException.EINTR);
            Libc.check(r, state, "accept", description);
            return new SeqPacketSocket(r, description + " (accepted)");
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Sends {@code length} bytes from {@code data} as one message. */
    public void send(byte[] data, int offset, int length) throws IOException {
        int s = requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(length, 1));
            MemorySegment.copy(data, offset, buf, ValueLayout.JAVA_BYTE, 0, length);
            MemorySegment state = Libc.errnoState(arena);
            long r;
            do {
                r = (long) SEND.invokeExact(state, s, buf, (long) length, MSG_NOSIGNAL);
            } while (r == -1 && Libc.errno(state) == ErrnoException.EINTR);
            Libc.check(r, state, "send to", description);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public void send(byte[] data) throws IOException {
        send(data, 0, data.length);
    }

    /**
     * Receives one message into {@code buffer}; returns its length, or -1 at end of stream (the peer
     * shut down its writing side or this socket was closed).
     */
    public int receive(byte[] buffer) throws IOException {
        return (int) SocketCalls.receive(requireOpen(), fd, buffer, 0, description);
    }

    /** Half-closes: the peer reads end-of-stream, and this side can still receive. */
    public void shutdownOutput() throws IOException {
        shutdown(SHUT_WR, "shutdown(SHUT_WR)");
    }

    public void shutdownInput() throws IOException {
        shutdown(SHUT_RD, "shutdown(SHUT_RD)");
    }

    private void shutdown(int how, String call) throws IOException {
        int s = requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            Libc.check((int) SHUTDOWN.invokeExact(state, s, how), state, call, description);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public boolean isOpen() {
        return fd.get() != -1;
    }

    /** Closes the socket; idempotent. A receive blocked in another thread returns -1. */
    @Override
    public void close() {
        SocketCalls.shutdownAndClose(fd);
    }

    private int requireOpen() throws IOException {
        int s = fd.get();
        if (s == -1) {
            throw new IOException("socket " + description + " is closed");
        }
        return s;
    }

    private static int newSocket(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int s = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
            return Libc.check(s, state, "socket(AF_UNIX, SOCK_SEQPACKET) for", path.toString());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    @FunctionalInterface
    private interface AddressUser {
        void use(Arena arena, MemorySegment sockaddr) throws Throwable;
    }

    /**
     * Builds a sockaddr_un for {@code path}; when the path does not fit sun_path, opens the parent
     * directory with O_PATH for the duration of the call and addresses the socket through /proc.
     */
    private static void withAddress(Path path, AddressUser user) throws IOException {
        byte[] direct = path.toString().getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            int dirFd = -1;
            try {
                byte[] name = direct;
                if (direct.length >= SUN_PATH_MAX) {
                    Path parent = path.toAbsolutePath().getParent();
                    MemorySegment state = Libc.errnoState(arena);
                    dirFd = Libc.check((int) OPEN.invokeExact(state, arena.allocateFrom(parent.toString()),
                            O_PATH | O_DIRECTORY | O_CLOEXEC), state, "open", parent.toString());
                    name = ("/proc/self/fd/" + dirFd + "/" + path.getFileName())
                            .getBytes(StandardCharsets.UTF_8);
                    if (name.length >= SUN_PATH_MAX) {
                        throw new IOException("socket file name " + path.getFileName() + " is too long for a unix socket address");
                    }
                }
                MemorySegment addr = arena.allocate(SOCKADDR_UN_SIZE);
                addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(name, 0, addr, ValueLayout.JAVA_BYTE, 2, name.length);
                user.use(arena, addr);
            } finally {
                if (dirFd != -1) {
                    closeQuietly(dirFd);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static void closeQuietly(int descriptor) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(Libc.errnoState(arena), descriptor);
        } catch (Throwable t) {
            // nothing sensible to do when close itself fails
        }
    }
}
