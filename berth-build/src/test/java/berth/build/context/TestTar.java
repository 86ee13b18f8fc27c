package berth.build.context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds build-context tars in memory, hostile ones included. */
final class TestTar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);

    TestTar() {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    TestTar dir(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(0755);
        return put(e, null);
    }

    TestTar file(String name, String content) {
        return file(name, content, 0644, 0, 0);
    }

    TestTar file(String name, String content, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        e.setSize(data.length);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        return put(e, data);
    }

    TestTar symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        return put(e, null);
    }

    TestTar hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return put(e, null);
    }

    private TestTar put(TarArchiveEntry e, byte[] data) {
        try {
            e.setLastModifiedTime(FileTime.from(Instant.parse("2021-02-03T04:05:06Z")));
            out.putArchiveEntry(e);
            if (data != null) {
                out.write(data);
            }
            out.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    byte[] build() {
        try {
            out.finish();
            out.close();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
