package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * An anonymous in-memory file (memfd) holding a copy of some bytes, sealed so that nobody, not even
 * a process that gets hold of the descriptor or opens it through {@code /proc/PID/exe}, can change,
 * grow, shrink or unseal it. A binary run inside containers from such a file cannot be overwritten
 * by one of them to attack the others or the host (the CVE-2019-5736 class).
 */
public final class SealedMemFd {
    static final int MFD_CLOEXEC = 1;
    static final int MFD_ALLOW_SEALING = 2;
    static final int F_ADD_SEALS = 1033;
    static final int F_GET_SEALS = 1034;
    public static final int F_SEAL_SEAL = 1;
    public static final int F_SEAL_SHRINK = 2;
    public static final int F_SEAL_GROW = 4;
    public static final int F_SEAL_WRITE = 8;
    public static final int ALL_SEALS = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE;

    private static final MethodHandle MEMFD_CREATE = Libc.downcall("memfd_create",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle WRITE = Libc.downcall("write", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private SealedMemFd() {}

    /** A new close-on-exec memfd named {@code name} with {@code content}, fully sealed; the caller owns the fd. */
    public static int create(String name, byte[] content) throws IOException {
        int fd = -1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            fd = Libc.check((int) MEMFD_CREATE.invokeExact(state, arena.allocateFrom(name),
                    MFD_CLOEXEC | MFD_ALLOW_SEALING), state, "memfd_create", name);
            MemorySegment data = arena.allocate(Math.max(content.length, 1));
            MemorySegment.copy(content, 0, data, ValueLayout.JAVA_BYTE, 0, content.length);
            long done = 0;
            while (done < content.length) {
                long n = (long) WRITE.invokeExact(state, fd, data.asSlice(done), (long) content.length - done);
                if (n == -1 && Libc.errno(state) == ErrnoException.EINTR) {
                    continue;
                }
                done += Libc.check(n, state, "write", "memfd " + name);
            }
            Libc.check((int) Fds.FCNTL_INT.invokeExact(state, fd, F_ADD_SEALS, ALL_SEALS), state,
                    "fcntl(F_ADD_SEALS)", "memfd " + name);
            int sealed = fd;
            fd = -1;
            return sealed;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        } finally {
            Fds.closeQuietly(fd);
        }
    }

    /** The seals on {@code fd} (F_SEAL_* bits). */
    public static int seals(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            return Libc.check((int) Fds.FCNTL_INT.invokeExact(state, fd, F_GET_SEALS, 0), state, "fcntl(F_GET_SEALS)",
                    "fd " + fd);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
