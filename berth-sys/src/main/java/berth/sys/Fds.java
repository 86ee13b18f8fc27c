package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Raw file descriptors for the few places that must hand a descriptor to another process (a child
 * spawned with {@link PosixSpawn}, a peer over {@link FdPassingSocket}): pipes, dup and close. Every descriptor made here is close-on-exec, so none leaks into processes the JDK starts.
 */
public final class Fds {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CLOEXEC = 0x80000;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int F_GETFD = 1;

    private static final MethodHandle PIPE2 = Libc.downcall("pipe2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = Libc.downcall("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** fcntl is variadic: its third argument must be passed as one. */
    static final MethodHandle FCNTL_INT = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("fcntl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));

    private Fds() {}

    /** A pipe: {@code [read end, write end]}, both close-on-exec. */
    public static int[] pipe() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            MemorySegment state = Libc.errnoState(arena);
            Libc.check((int) PIPE2.invokeExact(state, fds, O_CLOEXEC), state, "pipe2", "");
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A close-on-exec duplicate of {@code fd} numbered at least {@code lowest}. */
    public static int dupAtLeast(int fd, int lowest) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            return Libc.check((int) FCNTL_INT.invokeExact(state, fd, F_DUPFD_CLOEXEC, lowest), state, "fcntl(F_DUPFD)",
                    "fd " + fd);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** True when {@code fd} is an open descriptor of this process. */
    public static boolean isOpen(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) FCNTL_INT.invokeExact(Libc.errnoState(arena), fd, F_GETFD, 0) != -1;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Closes {@code fd}; -1 and errors are ignored (there is nothing sensible to do about them). */
    public static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(Libc.errnoState(arena), fd);
        } catch (Throwable t) {
            // the descriptor is gone or was never valid
        }
    }
}
