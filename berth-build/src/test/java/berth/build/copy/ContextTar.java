package berth.build.copy;

import berth.build.context.BuildContext;
import berth.build.context.ContextOptions;
import berth.build.context.ContextReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds tars in memory: build contexts (with a Dockerfile) and archives for ADD, hostile ones included. */
final class ContextTar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes);
    private Instant mtime = Instant.parse("2021-02-03T04:05:06Z");

    ContextTar() {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    ContextTar at(Instant time) {
        mtime = time;
        return this;
    }

    ContextTar dir(String name, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(mode);
        return put(e, null);
    }

    ContextTar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
    }

    ContextTar file(String name, byte[] data, int mode, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        e.setSize(data.length);
        e.setMode(mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        return put(e, data);
    }

    ContextTar symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        return put(e, null);
    }

    ContextTar hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        return put(e, null);
    }

    private ContextTar put(TarArchiveEntry e, byte[] data) {
        try {
            e.setLastModifiedTime(FileTime.from(mtime));
            out.putArchiveEntry(e);
            if (data != null) {
                out.write(data);
            }
            out.closeArchiveEntry();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return this;
    }

    byte[] bytes() {
        try {
            out.finish();
            out.close();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /** This tar as a build context (a Dockerfile is added); the caller closes it. */
    BuildContext context(Path work) {
        file("Dockerfile", "FROM scratch\n");
        return ContextReader.read(new ByteArrayInputStream(bytes()), ContextOptions.inBody(work));
    }
}
