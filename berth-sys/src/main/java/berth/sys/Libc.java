package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The shared core of berth's FFM bindings to libc: symbol lookup, errno capture, and turning a
 * failed call into an {@link IOException} that names the call, its argument and the errno text.
 * Each binding class ({@code Mounts}, {@code FileOps}, ...) declares its own downcall handles with
 * {@link #downcall}; every handle captures errno, so callers pass {@link #errnoState} first.
 */
public final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayoutPaths.ERRNO);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LOOKUP.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Libc() {}

    /** A downcall handle that captures errno: its first parameter is the capture segment. */
    public static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, CAPTURE);
    }

    /** Allocates the errno capture segment for one call. */
    public static MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    public static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    /** Throws when {@code result} is -1: "{call} {what}: {strerror} (errno N)". */
    public static int check(int result, MemorySegment state, String call, String what) throws IOException {
        if (result == -1) {
            int e = errno(state);
            throw new ErrnoException(call + " " + what + ": " + strerror(e), e);
        }
        return result;
    }

    /** Same for calls returning ssize_t. */
    public static long check(long result, MemorySegment state, String call, String what) throws IOException {
        if (result == -1) {
            int e = errno(state);
            throw new ErrnoException(call + " " + what + ": " + strerror(e), e);
        }
        return result;
    }

    /** Rethrows a throwable from {@code invokeExact} as-is when it is unchecked, wrapped otherwise. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    private static final class MemoryLayoutPaths {
        static final java.lang.foreign.MemoryLayout.PathElement ERRNO =
                java.lang.foreign.MemoryLayout.PathElement.groupElement("errno");
    }
}
