package berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * SHA-256 computed by the host's libcrypto (OpenSSL 3) through FFM. Why: the daemon runs with the
 * C1 compiler only to keep its idle memory small, and the JDK's SHA-256 is fast only when C2 compiles
 * it with CPU intrinsics; every layer byte is hashed (twice on load), so this is the hot path of
 * {@code load}, {@code import} and {@code save}. Calls are "critical" so byte arrays are passed
 * without copying. {@link #create()} is empty where libcrypto is missing; callers fall back to the JDK.
 */
public final class NativeSha256 extends MessageDigest {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Handles HANDLES = Handles.load();

    private final MemorySegment ctx;
    private final Arena outArena = Arena.ofAuto();
    private final MemorySegment out = outArena.allocate(32);

    private NativeSha256() {
        super("SHA-256");
        try {
            ctx = (MemorySegment) HANDLES.newCtx.invokeExact();
            if (ctx.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("EVP_MD_CTX_new failed");
            }
            MemorySegment c = ctx;
            CLEANER.register(this, () -> free(c));
            engineReset();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A native SHA-256 digest, or empty when the host has no usable libcrypto. */
    public static Optional<MessageDigest> create() {
        return HANDLES == null ? Optional.empty() : Optional.of(new NativeSha256());
    }

    private static void free(MemorySegment c) {
        try {
            HANDLES.freeCtx.invokeExact(c);
        } catch (Throwable ignored) {
            // nothing to do on a failed free
        }
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (len == 0) {
            return;
        }
        try {
            int r = (int) HANDLES.update.invokeExact(ctx, MemorySegment.ofArray(input).asSlice(offset, len), (long) len);
            check(r, "EVP_DigestUpdate");
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    @Override
    protected byte[] engineDigest() {
        try {
            int r = (int) HANDLES.finish.invokeExact(ctx, out, MemorySegment.NULL);
            check(r, "EVP_DigestFinal_ex");
            byte[] result = out.toArray(ValueLayout.JAVA_BYTE);
            engineReset();
            return result;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    @Override
    protected void engineReset() {
        try {
            int r = (int) HANDLES.init.invokeExact(ctx, HANDLES.sha256, MemorySegment.NULL);
            check(r, "EVP_DigestInit_ex");
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    @Override
    protected int engineGetDigestLength() {
        return 32;
    }

    private static void check(int r, String call) {
        if (r != 1) {
            throw new IllegalStateException(call + " failed");
        }
    }

    private record Handles(MethodHandle newCtx, MethodHandle freeCtx, MethodHandle init, MethodHandle update,
                           MethodHandle finish, MemorySegment sha256) {
        static Handles load() {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup lib = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
                MethodHandle md = linker.downcallHandle(lib.findOrThrow("EVP_sha256"),
                        FunctionDescriptor.of(ValueLayout.ADDRESS));
                MemorySegment sha256 = (MemorySegment) md.invokeExact();
                return new Handles(
                        linker.downcallHandle(lib.findOrThrow("EVP_MD_CTX_new"), FunctionDescriptor.of(ValueLayout.ADDRESS)),
                        linker.downcallHandle(lib.findOrThrow("EVP_MD_CTX_free"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)),
                        linker.downcallHandle(lib.findOrThrow("EVP_DigestInit_ex"), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS)),
                        linker.downcallHandle(lib.findOrThrow("EVP_DigestUpdate"), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                                Linker.Option.critical(true)),
                        linker.downcallHandle(lib.findOrThrow("EVP_DigestFinal_ex"), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS)),
                        sha256);
            } catch (Throwable t) {
                return null;
            }
        }
    }
}
