package berth.sys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * mount(2) and umount2(2) for the few mounts berth makes itself: a container's overlay rootfs and
 * bind mounts. Paths are passed to the kernel as given (absolute paths are expected); the kernel's
 * error comes back as an {@link ErrnoException} naming the call and the target.
 */
public final class Mounts {
    static final long MS_RDONLY = 1;
    static final long MS_REMOUNT = 32;
    static final long MS_BIND = 4096;
    static final long MS_REC = 16384;
    static final int MNT_DETACH = 2;

    private static final MethodHandle MOUNT = Libc.downcall("mount", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle UMOUNT2 = Libc.downcall("umount2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle GETPAGESIZE = Libc.downcall("getpagesize",
            FunctionDescriptor.of(ValueLayout.JAVA_INT));

    private Mounts() {}

    /**
     * Mounts an overlay filesystem at {@code target}. The kernel copies mount options into a single
     * page, so the option string (mostly the lower directories) must stay below the page size: keep
     * layer paths short. Paths may not contain ':' or ',' because those separate overlay options.
     *
     * @param lowerTopmostFirst read-only layers, the one that wins on conflicts first; non-empty
     */
    public static void mountOverlay(List<Path> lowerTopmostFirst, Path upper, Path work, Path target) throws IOException {
        String options = overlayOptions(lowerTopmostFirst, upper, work);
        int limit = pageSize();
        if (options.getBytes(StandardCharsets.UTF_8).length + 1 > limit) {
            throw new IOException("overlay mount options for " + target + " are "
                    + options.length() + " bytes with " + lowerTopmostFirst.size()
                    + " lower layers; the kernel allows at most " + (limit - 1)
                    + " (page size): use shorter layer paths or fewer layers");
        }
        mount("overlay", target, "overlay", 0, options);
    }

    /** The overlay option string "lowerdir=a:b,upperdir=u,workdir=w"; rejects paths the kernel would misread. */
    static String overlayOptions(List<Path> lowerTopmostFirst, Path upper, Path work) {
        if (lowerTopmostFirst.isEmpty()) {
            throw new IllegalArgumentException("an overlay mount needs at least one lower directory");
        }
        StringBuilder sb = new StringBuilder("lowerdir=");
        for (int i = 0; i < lowerTopmostFirst.size(); i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(checkedOverlayPath(lowerTopmostFirst.get(i)));
        }
        sb.append(",upperdir=").append(checkedOverlayPath(upper));
        sb.append(",workdir=").append(checkedOverlayPath(work));
        return sb.toString();
    }

    private static String checkedOverlayPath(Path p) {
        String s = p.toString();
        if (s.indexOf(':') >= 0 || s.indexOf(',') >= 0) {
            throw new IllegalArgumentException("overlay layer path " + s + " contains ':' or ','; those separate overlay options");
        }
        return s;
    }

    /** Mounts a tmpfs at {@code target} with the given options ("size=65536k,mode=1777", ...). */
    public static void mountTmpfs(Path target, long flags, String options) throws IOException {
        mount("tmpfs", target, "tmpfs", flags, options);
    }

    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;

    /** Bind-mounts {@code src} (file or directory, recursively) onto {@code target}; read-only needs a second remount. */
    public static void bind(Path src, Path target, boolean readOnly) throws IOException {
        mount(src.toString(), target, null, MS_BIND | MS_REC, null);
        if (readOnly) {
            try {
                // MS_RDONLY is ignored on the initial bind; only a remount of the bind makes it read-only.
                mount(null, target, null, MS_REMOUNT | MS_BIND | MS_RDONLY, null);
            } catch (IOException e) {
                try {
                    unmount(target, true);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /** Unmounts {@code target}; {@code detach} makes it lazy (MNT_DETACH) so a busy mount still goes away. */
    public static void unmount(Path target, boolean detach) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int r;
            try {
                r = (int) UMOUNT2.invokeExact(state, arena.allocateFrom(target.toString()), detach ? MNT_DETACH : 0);
            } catch (Throwable t) {
                throw Libc.rethrow(t);
            }
            Libc.check(r, state, "umount2", target.toString());
        }
    }

    /** True when {@code path} is exactly a mount point of this process's mount namespace. */
    public static boolean isMountPoint(Path path) throws IOException {
        String wanted = path.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            // Fields: id parent major:minor root mountpoint options ...; the mount point escapes space, tab, \n and \ in octal.
            String[] fields = line.split(" ", 6);
            if (fields.length > 4 && unescapeMountInfo(fields[4]).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    static String unescapeMountInfo(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && isOctal(s.charAt(i + 1)) && isOctal(s.charAt(i + 2)) && isOctal(s.charAt(i + 3))) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }

    static int pageSize() {
        try (Arena arena = Arena.ofConfined()) {
            return (int) GETPAGESIZE.invokeExact(Libc.errnoState(arena));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static void mount(String source, Path target, String fsType, long flags, String data) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.errnoState(arena);
            int r;
            try {
                r = (int) MOUNT.invokeExact(state, cString(arena, source), arena.allocateFrom(target.toString()),
                        cString(arena, fsType), flags, cString(arena, data));
            } catch (Throwable t) {
                throw Libc.rethrow(t);
            }
            Libc.check(r, state, "mount", (fsType != null ? fsType : "bind") + " on " + target);
        }
    }

    private static MemorySegment cString(Arena arena, String s) {
        return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
    }
}
