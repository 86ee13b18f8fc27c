package berth.cli.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyboxRootfsTest {
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    /** A tar entry as read back: type flag, mode, link target, content. */
    record Entry(char type, int mode, String link, byte[] content, long mtime, int uid) {}

    static Map<String, Entry> read(byte[] tar) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        int pos = 0;
        while (pos + 512 <= tar.length) {
            if (tar[pos] == 0) {
                break;
            }
            String name = cstr(tar, pos, 100);
            String prefix = cstr(tar, pos + 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            int mode = Integer.parseInt(cstr(tar, pos + 100, 8).strip(), 8);
            int uid = Integer.parseInt(cstr(tar, pos + 108, 8).strip(), 8);
            long size = Long.parseLong(cstr(tar, pos + 124, 12).strip(), 8);
            long mtime = Long.parseLong(cstr(tar, pos + 136, 12).strip(), 8);
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : tar[pos + i] & 0xff;
            }
            assertThat(Long.parseLong(cstr(tar, pos + 148, 8).strip(), 8)).as("checksum of %s", name).isEqualTo(sum);
            char type = (char) tar[pos + 156];
            String link = cstr(tar, pos + 157, 100);
            byte[] content = java.util.Arrays.copyOfRange(tar, pos + 512, pos + 512 + (int) size);
            entries.put(name, new Entry(type, mode, link, content, mtime, uid));
            pos += 512 + (int) ((size + 511) / 512 * 512);
        }
        return entries;
    }

    private static String cstr(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    @Test
    void tarball_holdsBusyboxAppletLinksUsersAndDirectories() throws IOException {
        assumeTrue(Files.isRegularFile(BUSYBOX), "busybox-static is not installed");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        BusyboxRootfs.write(BUSYBOX, List.of("sh", "echo", "true", "busybox"), out);

        Map<String, Entry> e = read(out.toByteArray());
        assertThat(e.get("bin/busybox").type()).isEqualTo('0');
        assertThat(e.get("bin/busybox").mode()).isEqualTo(0755);
        assertThat(e.get("bin/busybox").content()).isEqualTo(Files.readAllBytes(BUSYBOX));
        assertThat(e.get("bin/sh")).extracting(Entry::type, Entry::link).containsExactly('2', "busybox");
        assertThat(e).containsKeys("bin/echo", "bin/true", "proc/", "sys/", "dev/", "root/", "home/", "var/", "etc/hostname");
        assertThat(e.get("tmp/").mode()).isEqualTo(01777);
        assertThat(new String(e.get("etc/passwd").content(), StandardCharsets.UTF_8))
                .contains("root:x:0:0:root:/root:/bin/sh\n").contains("nobody:x:65534:65534:");
        assertThat(new String(e.get("etc/group").content(), StandardCharsets.UTF_8)).contains("root:x:0:");
        assertThat(e.values()).allSatisfy(entry -> {
            assertThat(entry.mtime()).isZero();
            assertThat(entry.uid()).isZero();
        });
        byte[] tar = out.toByteArray();
        assertThat(tar.length % 512).isZero();
        assertThat(java.util.Arrays.copyOfRange(tar, tar.length - 1024, tar.length)).containsOnly((byte) 0);
    }

    @Test
    void tarball_isDeterministic_whateverTheAppletOrder() throws IOException {
        assumeTrue(Files.isRegularFile(BUSYBOX), "busybox-static is not installed");
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();

        BusyboxRootfs.write(BUSYBOX, List.of("sh", "ls", "cat"), a);
        BusyboxRootfs.write(BUSYBOX, List.of("cat", "sh", "ls"), b);

        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    void applets_listsWhatBusyboxOffers() throws IOException {
        assumeTrue(Files.isRegularFile(BUSYBOX), "busybox-static is not installed");

        assertThat(BusyboxRootfs.applets(BUSYBOX)).contains("sh", "echo", "cat", "true", "sleep", "ls");
    }

    @Test
    void staticCheck_acceptsStaticBusyboxAndRejectsDynamicExecutable(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(BUSYBOX), "busybox-static is not installed");
        assertThat(StaticElf.isStatic(BUSYBOX)).isTrue();
        Path dynamic = Path.of("/bin/ls"); // any distribution binary links against libc
        assertThat(StaticElf.isStatic(dynamic)).isFalse();

        assertThatThrownBy(() -> BusyboxRootfs.write(dynamic, List.of(), new ByteArrayOutputStream()))
                .hasMessageContaining("dynamically linked").hasMessageContaining("busybox-static");
        Path text = Files.writeString(dir.resolve("notelf"), "#!/bin/sh\necho hi\n".repeat(5));
        assertThatThrownBy(() -> StaticElf.isStatic(text)).hasMessageContaining("not an ELF");
    }

    @Test
    void tarWriter_splitsLongNamesIntoPrefix() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String longName = "a/".repeat(60) + "file.txt";
        try (TarWriter t = new TarWriter(out, 5)) {
            t.file(longName, 0600, "x".getBytes(StandardCharsets.UTF_8));
        }

        Map<String, Entry> e = read(out.toByteArray());
        assertThat(new ArrayList<>(e.keySet())).containsExactly(longName);
        assertThat(e.get(longName).mtime()).isEqualTo(5);
    }
}
