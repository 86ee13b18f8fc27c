package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unix-domain SOCK_DGRAM socket, which the JDK's channels cannot open: systemd-journald's native
 * socket ({@code /run/systemd/journal/socket}) takes one datagram per entry, and a datagram too large
 * for the socket goes as a memfd passed with SCM_RIGHTS; a local syslog daemon's {@code /dev/log} takes
 * one message per datagram. Each {@link #sendTo} or {@link #send} is one datagram; each
 * {@link #receive} returns one, with any descriptors that came with it.
 *
 * <p>Addresses must fit {@code sun_path} (107 bytes). {@link #close()} from another thread wakes a
 * blocked receive (it returns null).
 */
public final class UnixDatagramSocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int MSG_DONTWAIT = 0x40;
    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;
    private static final int EAGAIN = 11;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SUN_PATH_MAX = 108;
    private static final int SOCKADDR_UN_SIZE = 2 + SUN_PATH_MAX;
    private static final int MSGHDR_SIZE = 56;
    private static final int CMSG_HEADER = 16;
    /** Room for this many descriptors arriving with one datagram; more are closed by the kernel's MSG_CTRUNC. */
    private static final int MAX_FDS = 8;
    /** The kernel's error for a datagram larger than the socket can take. */
    public static final int EMSGSIZE = 90;

    private static final MethodHandle SOCKET = Libc.downcall("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle BIND = Libc.downcall("bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle CONNECT = Libc.downcall("connect",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SEND = Libc.downcall("send", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle POLL = Libc.downcall("poll",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SENDMSG = Libc.downcall("sendmsg", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle RECVMSG = Libc.downcall("recvmsg", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    /**
     * One datagram received: its bytes (cut to the buffer; {@code length} is the real size) and the
     * descriptors that came with it, which the caller now owns.
     */
    public record Datagram(byte[] data, long length, int[] fds) {}

    private final AtomicInteger fd;
    private final String description;

    private UnixDatagramSocket(int fd, String description) {
        this.fd = new AtomicInteger(fd);
        this.description = description;
    }

    /** An unbound socket, for sending. */
    public static UnixDatagramSocket open() throws IOException {
        return new UnixDatagramSocket(newSocket(), "unix datagram socket");
    }

    /** A socket bound at {@code path} (which must not exist), for receiving. */
    public static UnixDatagramSocket bind(Path path) throws IOException {
        return addressed(path, BIND, "bind");
    }

    /** A socket connected to the datagram socket at {@code path}, for {@link #send}. */
    public static UnixDatagramSocket connect(Path path) throws IOException {
        return addressed(path, CONNECT, "connect");
    }

    private static UnixDatagramSocket addressed(Path path, MethodHandle call, String callName) throws IOException {
        int s = newSocket();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            Libc.check((int) call.invokeExact(state, s, address(arena, path), SOCKADDR_UN_SIZE), state, callName,
                    path.toString());
        } catch (IOException | RuntimeException e) {
            Fds.closeQuietly(s);
            throw e;
        } catch (Throwable t) {
            Fds.closeQuietly(s);
            throw Libc.rethrow(t);
        }
        return new UnixDatagramSocket(s, path.toString());
    }

    /**
     * Sends {@code data} as one datagram to the socket at {@code path}, with {@code fds} attached. A
     * datagram too large fails with an {@link ErrnoException} whose errno is {@link #EMSGSIZE}.
     */
    public void sendTo(Path path, byte[] data, int... fds) throws IOException {
        int s = requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(data.length, 1));
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ValueLayout.ADDRESS, 0, buf);
            iov.set(ValueLayout.JAVA_LONG, 8, data.length);
            MemorySegment msg = arena.allocate(MSGHDR_SIZE, 8);
            msg.set(ValueLayout.ADDRESS, 0, address(arena, path));
            msg.set(ValueLayout.JAVA_INT, 8, SOCKADDR_UN_SIZE);
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
            Libc.check(r, state, "sendmsg to", path.toString());
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Sends one datagram on a {@link #connect connected} socket, waiting at most {@code timeout} for room
     * in the receiver's queue: a receiver that stops reading makes this fail instead of blocking forever.
     */
    public void send(byte[] data, java.time.Duration timeout) throws IOException {
        int s = requireOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(data.length, 1));
            MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
            MemorySegment state = Libc.errnoState(arena);
            while (true) {
                long r = (long) SEND.invokeExact(state, s, buf, (long) data.length, MSG_DONTWAIT | MSG_NOSIGNAL);
                if (r >= 0) {
                    return;
                }
                int errno = Libc.errno(state);
                if (errno == ErrnoException.EINTR) {
                    continue;
                }
                if (errno != EAGAIN) {
                    throw new ErrnoException("send to " + description + ": " + Libc.strerror(errno), errno);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !poll(s, POLLOUT, left)) {
                    throw new IOException("send to " + description + ": timed out after " + timeout.toMillis()
                            + " ms, the receiver is not reading");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** {@link #receive(int)}, waiting at most {@code timeout}: null when nothing came by then. */
    public Datagram receive(int maxLength, java.time.Duration timeout) throws IOException {
        return poll(requireOpen(), POLLIN, timeout.toNanos()) ? receive(maxLength) : null;
    }

    /** Waits for one datagram of at most {@code maxLength} bytes (longer ones are cut); null once closed. */
    public Datagram receive(int maxLength) throws IOException {
        int s = requireOpen();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(Math.max(maxLength, 1));
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ValueLayout.ADDRESS, 0, buf);
            iov.set(ValueLayout.JAVA_LONG, 8, maxLength);
            long controlSpace = CMSG_HEADER + 4L * MAX_FDS;
            MemorySegment control = arena.allocate(controlSpace, 8);
            MemorySegment msg = arena.allocate(MSGHDR_SIZE, 8);
            msg.set(ValueLayout.ADDRESS, 16, iov);
            msg.set(ValueLayout.JAVA_LONG, 24, 1L);
            msg.set(ValueLayout.ADDRESS, 32, control);
            msg.set(ValueLayout.JAVA_LONG, 40, controlSpace);
            MemorySegment state = Libc.errnoState(arena);
            long r;
            do {
                r = (long) RECVMSG.invokeExact(state, s, msg, MSG_TRUNC | MSG_CMSG_CLOEXEC);
            } while (r == -1 && Libc.errno(state) == ErrnoException.EINTR);
            if (r == -1 && fd.get() == -1) {
                return null;
            }
            Libc.check(r, state, "recvmsg from", description);
            if (fd.get() == -1) {
                return null; // woken by close: shutdown makes recvmsg return an empty read
            }
            byte[] data = new byte[(int) Math.min(r, maxLength)];
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, data, 0, data.length);
            return new Datagram(data, r, descriptors(control, msg.get(ValueLayout.JAVA_LONG, 40)));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public boolean isOpen() {
        return fd.get() != -1;
    }

    /** Closes the socket; idempotent. A receive blocked in another thread returns null. */
    @Override
    public void close() {
        SocketCalls.shutdownAndClose(fd);
    }

    /** Whether {@code events} happened on the socket within {@code nanos} (false on a signal, too). */
    private boolean poll(int s, short events, long nanos) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pollfd = arena.allocate(8);
            pollfd.set(ValueLayout.JAVA_INT, 0, s);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, events);
            MemorySegment state = Libc.errnoState(arena);
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
            int r = (int) POLL.invokeExact(state, pollfd, 1L, millis);
            if (r == -1 && Libc.errno(state) == ErrnoException.EINTR) {
                return false;
            }
            Libc.check(r, state, "poll", description);
            return r > 0;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static int[] descriptors(MemorySegment control, long controlLength) {
        int[] fds = new int[0];
        long offset = 0;
        while (offset + CMSG_HEADER <= controlLength) {
            long len = control.get(ValueLayout.JAVA_LONG, offset);
            if (len < CMSG_HEADER) {
                break;
            }
            if (control.get(ValueLayout.JAVA_INT, offset + 8) == SOL_SOCKET
                    && control.get(ValueLayout.JAVA_INT, offset + 12) == SCM_RIGHTS) {
                int n = (int) ((len - CMSG_HEADER) / 4);
                int start = fds.length;
                fds = Arrays.copyOf(fds, start + n);
                for (int i = 0; i < n; i++) {
                    fds[start + i] = control.get(ValueLayout.JAVA_INT, offset + CMSG_HEADER + 4L * i);
                }
            }
            offset += (len + 7) & ~7L;
        }
        return fds;
    }

    private static MemorySegment address(Arena arena, Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_MAX) {
            throw new IOException("socket path " + path + " is too long for a unix socket address");
        }
        MemorySegment addr = arena.allocate(SOCKADDR_UN_SIZE);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, addr, ValueLayout.JAVA_BYTE, 2, name.length);
        return addr;
    }

    private int requireOpen() throws IOException {
        int s = fd.get();
        if (s == -1) {
            throw new IOException("socket " + description + " is closed");
        }
        return s;
    }

    private static int newSocket() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int s = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            return Libc.check(s, state, "socket(AF_UNIX, SOCK_DGRAM)", "");
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
