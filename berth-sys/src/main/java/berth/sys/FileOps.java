package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * File syscalls the JDK lacks or gets subtly wrong for unpacking image layers: device nodes, ownership
 * and extended attributes of a link itself (never its target), times of symlinks, and {@code chmod}
 * with setuid/setgid/sticky bits. Every call acts on the path as given and, where the kernel allows,
 * never follows a final symlink, because layer content is hostile and a followed link could point out
 * of the layer's root.
 */
public final class FileOps {
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** No such attribute: lgetxattr's "absent" answer. */
    public static final int ENODATA = 61;
    /** The filesystem does not support the attribute namespace. */
    public static final int ENOTSUP = 95;
    private static final int ERANGE = 34;

    public static final int S_IFIFO = 0010000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFBLK = 0060000;

    private static final MethodHandle MKNODAT = Libc.downcall("mknodat", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    private static final MethodHandle FCHOWNAT = Libc.downcall("fchownat", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT));
    private static final MethodHandle FCHMODAT = Libc.downcall("fchmodat", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle LSETXATTR = Libc.downcall("lsetxattr", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT));
    private static final MethodHandle LGETXATTR = Libc.downcall("lgetxattr", FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle LLISTXATTR = Libc.downcall("llistxattr", FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle UTIMENSAT = Libc.downcall("utimensat", FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private FileOps() {}

    /** glibc's makedev: the dev_t of a device number pair. */
    public static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /**
     * Creates a device node or fifo. {@code mode} carries the type ({@link #S_IFCHR}, {@link #S_IFBLK},
     * {@link #S_IFIFO}) and permission bits; the process umask still applies, so callers chmod after.
     */
    public static void mknod(Path path, int mode, long dev) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = Libc.errnoState(arena);
            int r = (int) MKNODAT.invokeExact(err, AT_FDCWD, arena.allocateFrom(path.toString()), mode, dev);
            Libc.check(r, err, "mknodat", path.toString());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** chown of the path itself, never a symlink's target (fchownat with AT_SYMLINK_NOFOLLOW). */
    public static void lchown(Path path, int uid, int gid) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = Libc.errnoState(arena);
            int r = (int) FCHOWNAT.invokeExact(err, AT_FDCWD, arena.allocateFrom(path.toString()), uid, gid,
                    AT_SYMLINK_NOFOLLOW);
            Libc.check(r, err, "fchownat", path.toString());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Sets all twelve permission bits including setuid, setgid and sticky. Follows a final symlink (Linux
     * has no mode on links), so call it only on paths known not to be symlinks.
     */
    public static void chmod(Path path, int mode) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = Libc.errnoState(arena);
            int r = (int) FCHMODAT.invokeExact(err, AT_FDCWD, arena.allocateFrom(path.toString()), mode & 07777, 0);
            Libc.check(r, err, "fchmodat", path.toString());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Sets an extended attribute on the path itself (not a symlink's target). */
    public static void lsetxattr(Path path, String name, byte[] value) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = Libc.errnoState(arena);
            MemorySegment v = arena.allocate(Math.max(1, value.length));
            MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
            int r = (int) LSETXATTR.invokeExact(err, arena.allocateFrom(path.toString()), arena.allocateFrom(name), v,
                    (long) value.length, 0);
            Libc.check(r, err, "lsetxattr", path + " " + name);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Reads an extended attribute of the path itself; empty when the path has no such attribute. */
    public static Optional<byte[]> lgetxattr(Path path, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path.toString());
            MemorySegment n = arena.allocateFrom(name);
            // Ask for the size first, then read; retry if the value grew in between (ERANGE).
            for (int attempt = 0; attempt < 4; attempt++) {
                MemorySegment err = Libc.errnoState(arena);
                long size = (long) LGETXATTR.invokeExact(err, p, n, MemorySegment.NULL, 0L);
                if (size == -1 && Libc.errno(err) == ENODATA) {
                    return Optional.empty();
                }
                Libc.check(size, err, "lgetxattr", path + " " + name);
                MemorySegment buf = arena.allocate(Math.max(1, size));
                long got = (long) LGETXATTR.invokeExact(err, p, n, buf, size);
                if (got == -1 && Libc.errno(err) == ERANGE) {
                    continue;
                }
                if (got == -1 && Libc.errno(err) == ENODATA) {
                    return Optional.empty();
                }
                Libc.check(got, err, "lgetxattr", path + " " + name);
                return Optional.of(buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE));
            }
            throw new ErrnoException("lgetxattr " + path + " " + name + ": value keeps changing size", ERANGE);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Names of the extended attributes of the path itself. */
    public static List<String> llistxattr(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocateFrom(path.toString());
            for (int attempt = 0; attempt < 4; attempt++) {
                MemorySegment err = Libc.errnoState(arena);
                long size = (long) LLISTXATTR.invokeExact(err, p, MemorySegment.NULL, 0L);
                Libc.check(size, err, "llistxattr", path.toString());
                if (size == 0) {
                    return List.of();
                }
                MemorySegment buf = arena.allocate(size);
                long got = (long) LLISTXATTR.invokeExact(err, p, buf, size);
                if (got == -1 && Libc.errno(err) == ERANGE) {
                    continue;
                }
                Libc.check(got, err, "llistxattr", path.toString());
                List<String> names = new ArrayList<>();
                long start = 0;
                for (long i = 0; i < got; i++) {
                    if (buf.get(ValueLayout.JAVA_BYTE, i) == 0) {
                        if (i > start) {
                            names.add(buf.asSlice(start, i - start + 1).getString(0));
                        }
                        start = i + 1;
                    }
                }
                return names;
            }
            throw new ErrnoException("llistxattr " + path + ": list keeps changing size", ERANGE);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Sets access and modification times of the path itself, symlinks included, to the nanosecond. */
    public static void setTimes(Path path, Instant atime, Instant mtime) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment err = Libc.errnoState(arena);
            MemorySegment times = arena.allocate(ValueLayout.JAVA_LONG, 4);
            times.setAtIndex(ValueLayout.JAVA_LONG, 0, atime.getEpochSecond());
            times.setAtIndex(ValueLayout.JAVA_LONG, 1, atime.getNano());
            times.setAtIndex(ValueLayout.JAVA_LONG, 2, mtime.getEpochSecond());
            times.setAtIndex(ValueLayout.JAVA_LONG, 3, mtime.getNano());
            int r = (int) UTIMENSAT.invokeExact(err, AT_FDCWD, arena.allocateFrom(path.toString()), times,
                    AT_SYMLINK_NOFOLLOW);
            Libc.check(r, err, "utimensat", path.toString());
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
