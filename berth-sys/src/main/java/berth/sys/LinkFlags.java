package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * Sets a network interface up, with the two ioctls {@code ip link set X up} makes
 * (SIOCGIFFLAGS, SIOCSIFFLAGS), in the calling thread's network namespace: with
 * {@link NetNamespace#call} a new container namespace gets its loopback up in microseconds, where a
 * CNI plugin or {@code ip} process costs milliseconds.
 */
public final class LinkFlags {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final short IFF_UP = 0x1;
    private static final int IFREQ_SIZE = 40; // struct ifreq: 16-byte name, then a 24-byte union
    private static final int IFNAMSIZ = 16;

    private static final MethodHandle SOCKET = Libc.downcall("socket",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** ioctl is variadic after the request. */
    private static final MethodHandle IOCTL = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));

    private LinkFlags() {}

    /** Brings interface {@code name} up in the calling thread's network namespace. */
    public static void up(String name) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("bad interface name " + name);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int fd = Libc.check((int) SOCKET.invokeExact(state, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), state,
                    "socket", "for ioctl");
            try {
                MemorySegment req = arena.allocate(IFREQ_SIZE);
                MemorySegment.copy(n, 0, req, ValueLayout.JAVA_BYTE, 0, n.length);
                Libc.check((int) IOCTL.invokeExact(state, fd, SIOCGIFFLAGS, req), state, "SIOCGIFFLAGS", name);
                short flags = req.get(ValueLayout.JAVA_SHORT, IFNAMSIZ);
                if ((flags & IFF_UP) == 0) {
                    req.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (flags | IFF_UP));
                    Libc.check((int) IOCTL.invokeExact(state, fd, SIOCSIFFLAGS, req), state, "SIOCSIFFLAGS", name);
                }
            } finally {
                Fds.closeQuietly(fd);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
