package berth.cli.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds a minimal rootfs tarball around the host's static busybox, so berth has a first image
 * without any network: /bin/busybox, a /bin symlink per applet, /etc/passwd and /etc/group with
 * root and nobody, and the usual empty directories. Every entry has mtime 0 and root ownership and
 * entries are in a fixed order, so one busybox binary always gives the same bytes.
 */
public final class BusyboxRootfs {
    /** Where Debian's busybox-static puts the binary. */
    public static final Path DEFAULT_BUSYBOX = Path.of("/bin/busybox");

    private BusyboxRootfs() {}

    /**
     * @param busybox the static busybox binary
     * @param applets names {@code busybox --list} printed (sh, echo, ...)
     * @throws IOException when busybox is not a static executable (with the fix in the message)
     */
    public static void write(Path busybox, List<String> applets, OutputStream out) throws IOException {
        if (!Files.isRegularFile(busybox)) {
            throw new IOException(busybox + " not found: install the busybox-static package (apt-get install busybox-static)");
        }
        if (!StaticElf.isStatic(busybox)) {
            throw new IOException(busybox + " is dynamically linked and cannot run in an empty rootfs:"
                    + " install the busybox-static package (apt-get install busybox-static)");
        }
        TarWriter tar = new TarWriter(out, 0);
        for (String dir : List.of("bin", "dev", "etc", "home", "proc", "root", "sys", "usr", "usr/bin", "usr/sbin", "sbin", "var",
                "var/spool", "var/spool/mail", "var/www")) {
            tar.directory(dir, dir.equals("root") ? 0700 : 0755);
        }
        tar.directory("tmp", 01777);
        long size = Files.size(busybox);
        try (InputStream in = Files.newInputStream(busybox)) {
            tar.file("bin/busybox", 0755, size, in);
        }
        for (String applet : new TreeSet<>(applets)) {
            if (applet.equals("busybox") || !applet.matches("[A-Za-z0-9._\\[-]+")) {
                continue;
            }
            tar.symlink("bin/" + applet, "busybox");
        }
        tar.file("etc/passwd", 0644, text("root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"));
        tar.file("etc/group", 0644, text("root:x:0:\nnobody:x:65534:\n"));
        tar.file("etc/hostname", 0644, text("busybox\n"));
        tar.file("etc/hosts", 0644, text("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"));
        tar.file("etc/resolv.conf", 0644, new byte[0]);
        tar.file("etc/shadow", 0600, text("root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n"));
        tar.close();
    }

    /** The applets the binary offers ({@code busybox --list}), run without a shell. */
    public static List<String> applets(Path busybox) throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        String outText;
        try (InputStream in = p.getInputStream()) {
            outText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (p.waitFor() != 0) {
                throw new IOException(busybox + " --list failed: " + outText.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing busybox applets", e);
        }
        return outText.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
