package berth.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java streams over raw pipe descriptors that virtual threads can block on. The JDK's file streams
 * read in a native call that holds the carrier thread: a few exec pumps blocked that way starve every
 * other virtual thread. Here the descriptor is non-blocking and a read or write that would block
 * parks the caller until one shared epoll thread says the pipe is ready, as the JDK's own socket
 * channels do.
 */
public final class PipeStreams {
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int O_NONBLOCK = 0x800;
    private static final int EAGAIN = 11;
    private static final int EPOLLIN = 0x1;
    private static final int EPOLLOUT = 0x4;
    private static final int EPOLLERR = 0x8;
    private static final int EPOLLHUP = 0x10;
    private static final int EPOLLONESHOT = 1 << 30;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EVENT_SIZE = 12; // struct epoll_event is packed on x86-64
    private static final int MAX_EVENTS = 64;

    private static final MethodHandle READ = Libc.downcall("read", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = Libc.downcall("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle EPOLL_CREATE1 = Libc.downcall("epoll_create1",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle EPOLL_CTL = Libc.downcall("epoll_ctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle EPOLL_WAIT = Libc.downcall("epoll_wait", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private PipeStreams() {}

    /** A stream reading the pipe's read end {@code fd}; it owns (and closes) the descriptor. */
    public static InputStream input(int fd) throws IOException {
        return new In(new Pipe(fd));
    }

    /** A stream writing the pipe's write end {@code fd}; it owns (and closes) the descriptor. */
    public static OutputStream output(int fd) throws IOException {
        return new Out(new Pipe(fd));
    }

    /** One descriptor: non-blocking I/O, waits through the poller, close that wakes a waiter. */
    private static final class Pipe {
        private final int fd;
        private boolean closed; // guarded by this: no syscall on fd after close (the number may be reused)
        private volatile CompletableFuture<Void> waiting;

        Pipe(int fd) throws IOException {
            this.fd = fd;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = Libc.errnoState(arena);
                int flags = Libc.check((int) Fds.FCNTL_INT.invokeExact(state, fd, F_GETFL, 0), state, "fcntl(F_GETFL)", "pipe");
                Libc.check((int) Fds.FCNTL_INT.invokeExact(state, fd, F_SETFL, flags | O_NONBLOCK), state,
                        "fcntl(F_SETFL)", "pipe");
            } catch (IOException | RuntimeException e) {
                Fds.closeQuietly(fd);
                throw e;
            } catch (Throwable t) {
                Fds.closeQuietly(fd);
                throw Libc.rethrow(t);
            }
        }

        /** Bytes moved (0 only for a 0-length request), -1 at end of stream. */
        long transfer(byte[] b, int off, int len, boolean write) throws IOException {
            while (true) {
                CompletableFuture<Void> ready;
                synchronized (this) {
                    if (closed) {
                        throw new IOException("pipe is closed");
                    }
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment buf = arena.allocate(Math.max(len, 1));
                        MemorySegment state = Libc.errnoState(arena);
                        long n;
                        if (write) {
                            MemorySegment.copy(b, off, buf, ValueLayout.JAVA_BYTE, 0, len);
                            n = (long) WRITE.invokeExact(state, fd, buf, (long) len);
                        } else {
                            n = (long) READ.invokeExact(state, fd, buf, (long) len);
                        }
                        if (n >= 0) {
                            if (!write) {
                                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, b, off, (int) n);
                                return n == 0 && len > 0 ? -1 : n;
                            }
                            return n;
                        }
                        int errno = Libc.errno(state);
                        if (errno == ErrnoException.EINTR) {
                            continue;
                        }
                        if (errno != EAGAIN) {
                            Libc.check(n, state, write ? "write" : "read", "pipe");
                        }
                        ready = Poller.INSTANCE.arm(fd, write ? EPOLLOUT : EPOLLIN);
                        waiting = ready;
                    } catch (IOException | RuntimeException e) {
                        throw e;
                    } catch (Throwable t) {
                        throw Libc.rethrow(t);
                    }
                }
                try {
                    ready.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted waiting on a pipe");
                } catch (ExecutionException e) {
                    throw new IOException("pipe is closed", e.getCause());
                } finally {
                    waiting = null;
                }
            }
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            CompletableFuture<Void> w = waiting;
            Poller.INSTANCE.disarm(fd);
            Fds.closeQuietly(fd);
            if (w != null) {
                w.completeExceptionally(new IOException("pipe is closed"));
            }
        }
    }

    private static final class In extends InputStream {
        private final Pipe pipe;

        In(Pipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            return (int) pipe.transfer(b, off, Math.min(len, 1 << 16), false);
        }

        @Override
        public void close() {
            pipe.close();
        }
    }

    private static final class Out extends OutputStream {
        private final Pipe pipe;

        Out(Pipe pipe) {
            this.pipe = pipe;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                int n = (int) pipe.transfer(b, off, Math.min(len, 1 << 16), true);
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() {
            pipe.close();
        }
    }

    /** One platform thread in epoll_wait for every pipe of the process; one-shot registrations. */
    private static final class Poller {
        static final Poller INSTANCE = new Poller();
        private final int epfd;
        private final AtomicLong tokens = new AtomicLong();
        private final Map<Long, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
        private final Map<Integer, Long> tokenOfFd = new ConcurrentHashMap<>();

        private Poller() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment state = Libc.errnoState(arena);
                epfd = Libc.check((int) EPOLL_CREATE1.invokeExact(state, EPOLL_CLOEXEC), state, "epoll_create1", "");
            } catch (Throwable t) {
                throw new IllegalStateException("cannot create the pipe poller: " + t.getMessage(), t);
            }
            Thread.ofPlatform().daemon().name("berth-pipe-poller").start(this::run);
        }

        /** Called with the pipe's lock held: the fd is open. */
        CompletableFuture<Void> arm(int fd, int events) throws IOException {
            long token = tokens.incrementAndGet();
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.put(token, f);
            tokenOfFd.put(fd, token);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ev = arena.allocate(EVENT_SIZE);
                ev.set(ValueLayout.JAVA_INT, 0, events | EPOLLONESHOT | EPOLLERR | EPOLLHUP);
                ev.set(ValueLayout.JAVA_LONG_UNALIGNED, 4, token);
                MemorySegment state = Libc.errnoState(arena);
                int r = (int) EPOLL_CTL.invokeExact(state, epfd, EPOLL_CTL_DEL, fd, ev);
                Libc.check((int) EPOLL_CTL.invokeExact(state, epfd, EPOLL_CTL_ADD, fd, ev), state, "epoll_ctl", "pipe");
            } catch (IOException | RuntimeException e) {
                waiters.remove(token);
                throw e;
            } catch (Throwable t) {
                waiters.remove(token);
                throw Libc.rethrow(t);
            }
            return f;
        }

        /** Called with the pipe's lock held, before the fd is closed. */
        void disarm(int fd) {
            Long token = tokenOfFd.remove(fd);
            if (token != null) {
                waiters.remove(token);
            }
            try (Arena arena = Arena.ofConfined()) {
                int ignored = (int) EPOLL_CTL.invokeExact(Libc.errnoState(arena), epfd, EPOLL_CTL_DEL, fd,
                        arena.allocate(EVENT_SIZE));
            } catch (Throwable t) {
                // not registered: nothing to remove
            }
        }

        private void run() {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment events = arena.allocate((long) EVENT_SIZE * MAX_EVENTS);
                MemorySegment state = Libc.errnoState(arena);
                while (true) {
                    int n = (int) EPOLL_WAIT.invokeExact(state, epfd, events, MAX_EVENTS, -1);
                    for (int i = 0; i < n; i++) {
                        long token = events.get(ValueLayout.JAVA_LONG_UNALIGNED, (long) i * EVENT_SIZE + 4);
                        CompletableFuture<Void> f = waiters.remove(token);
                        if (f != null) {
                            f.complete(null);
                        }
                    }
                }
            } catch (Throwable t) {
                System.getLogger(PipeStreams.class.getName()).log(System.Logger.Level.ERROR, "pipe poller stopped", t);
            }
        }
    }
}
