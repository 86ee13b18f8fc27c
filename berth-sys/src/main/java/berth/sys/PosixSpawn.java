package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Starts a process with extra descriptors at fixed numbers (3, 4, ...), which {@link ProcessBuilder}
 * cannot do. glibc's posix_spawn creates the child with clone(CLONE_VM|CLONE_VFORK) and runs only
 * its file actions before execve, so it is safe in the multi-threaded JVM (the JDK starts its own
 * processes the same way). The child gets /dev/null as stdin, stdout and stderr, its own session,
 * default signal handlers and an empty signal mask, and no other descriptor of the JVM.
 *
 * <p>The caller must {@link #waitFor reap} the child: the JDK only reaps processes it started.
 */
public final class PosixSpawn {
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSID = 0x80;
    private static final long OPAQUE_SIZE = 1024; // posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336
    private static final long SIGSET_SIZE = 128;
    private static final int WNOHANG = 1;

    private static final MethodHandle SPAWN = Libc.downcall("posix_spawn", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS));
    private static final MethodHandle FA_INIT = Libc.downcall("posix_spawn_file_actions_init",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle FA_DESTROY = Libc.downcall("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle FA_OPEN = Libc.downcall("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle FA_DUP2 = Libc.downcall("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle FA_CLOSEFROM = Libc.downcall("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle ATTR_INIT = Libc.downcall("posix_spawnattr_init",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_DESTROY = Libc.downcall("posix_spawnattr_destroy",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_FLAGS = Libc.downcall("posix_spawnattr_setflags",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_SHORT));
    private static final MethodHandle ATTR_SIGMASK = Libc.downcall("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle ATTR_SIGDEFAULT = Libc.downcall("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SIGEMPTYSET = Libc.downcall("sigemptyset",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SIGFILLSET = Libc.downcall("sigfillset",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle WAITPID = Libc.downcall("waitpid", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private PosixSpawn() {}

    /**
     * Starts {@code argv} (argv[0] an absolute path) with environment {@code env}; {@code passFds[i]}
     * becomes descriptor {@code 3 + i} in the child. Returns the child's pid.
     */
    public static int spawn(List<String> argv, List<String> env, int... passFds) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            MemorySegment actions = arena.allocate(OPAQUE_SIZE, 16);
            MemorySegment attr = arena.allocate(OPAQUE_SIZE, 16);
            check((int) FA_INIT.invokeExact(state, actions), "posix_spawn_file_actions_init");
            check((int) ATTR_INIT.invokeExact(state, attr), "posix_spawnattr_init");
            try {
                MemorySegment devNull = arena.allocateFrom("/dev/null");
                check((int) FA_OPEN.invokeExact(state, actions, 0, devNull, Fds.O_RDONLY, 0), "addopen");
                check((int) FA_OPEN.invokeExact(state, actions, 1, devNull, Fds.O_WRONLY, 0), "addopen");
                check((int) FA_OPEN.invokeExact(state, actions, 2, devNull, Fds.O_WRONLY, 0), "addopen");
                for (int i = 0; i < passFds.length; i++) {
                    // a source numbered below the targets could be overwritten by an earlier dup2
                    if (passFds[i] < 3 + passFds.length) {
                        throw new IllegalArgumentException("descriptor " + passFds[i] + " to pass must be at least "
                                + (3 + passFds.length) + " (see Fds.dupAtLeast)");
                    }
                    check((int) FA_DUP2.invokeExact(state, actions, passFds[i], 3 + i), "adddup2");
                }
                check((int) FA_CLOSEFROM.invokeExact(state, actions, 3 + passFds.length), "addclosefrom_np");
                MemorySegment empty = arena.allocate(SIGSET_SIZE, 8);
                MemorySegment all = arena.allocate(SIGSET_SIZE, 8);
                int ignored = (int) SIGEMPTYSET.invokeExact(state, empty);
                ignored = (int) SIGFILLSET.invokeExact(state, all);
                check((int) ATTR_SIGMASK.invokeExact(state, attr, empty), "setsigmask");
                check((int) ATTR_SIGDEFAULT.invokeExact(state, attr, all), "setsigdefault");
                check((int) ATTR_FLAGS.invokeExact(state, attr,
                        (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSID)), "setflags");
                MemorySegment pid = arena.allocate(ValueLayout.JAVA_INT);
                int err = (int) SPAWN.invokeExact(state, pid, arena.allocateFrom(argv.getFirst()), actions, attr,
                        strings(arena, argv), strings(arena, env));
                if (err != 0) {
                    throw new ErrnoException("posix_spawn " + argv.getFirst() + ": " + Libc.strerror(err), err);
                }
                return pid.get(ValueLayout.JAVA_INT, 0);
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(state, actions);
                ignored = (int) ATTR_DESTROY.invokeExact(state, attr);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Waits for the child {@code pid} to end and reaps it; returns its raw wait status. Blocks the
     * calling (carrier) thread: call it from a platform thread.
     */
    public static int waitFor(int pid) throws IOException {
        return waitpid(pid, 0);
    }

    /** Reaps {@code pid} if it has ended: its raw wait status, or -1 when it is still running. */
    public static int reapIfEnded(int pid) throws IOException {
        return waitpid(pid, WNOHANG);
    }

    private static int waitpid(int pid, int options) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            int r;
            do {
                r = (int) WAITPID.invokeExact(state, pid, status, options);
            } while (r == -1 && Libc.errno(state) == ErrnoException.EINTR);
            Libc.check(r, state, "waitpid", Integer.toString(pid));
            return r == 0 ? -1 : status.get(ValueLayout.JAVA_INT, 0);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** The exit code of a raw wait status as a shell reports it: the code, or 128 + the signal. */
    public static int exitCode(int waitStatus) {
        int signal = waitStatus & 0x7f;
        return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private static void check(int err, String call) throws ErrnoException {
        if (err != 0) {
            throw new ErrnoException(call + ": " + Libc.strerror(err), err);
        }
    }
}
