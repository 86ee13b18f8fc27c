package berth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds small tar archives for tests: rootfs tarballs, and Docker save-format images, hostile ones included. */
final class Tars {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    Tars() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    Tars dir(String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    Tars file(String name, byte[] data, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        e.setMode(0100000 | mode);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
        return this;
    }

    Tars file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8), 0644);
    }

    Tars symlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    Tars hardlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK, true);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    byte[] bytes() throws IOException {
        tar.finish();
        tar.close();
        return bytes.toByteArray();
    }

    /** A rootfs with the host's static busybox and the applets the tests use. */
    static byte[] busyboxRootfs() throws IOException {
        Tars t = new Tars().dir("bin").dir("etc").dir("tmp")
                .file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755);
        for (String applet : List.of("sh", "echo", "cat", "true", "ls", "sleep")) {
            t.symlink("bin/" + applet, "busybox");
        }
        return t.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n").bytes();
    }

    /**
     * A Docker save-format archive of a one-layer image whose layer is {@code layer}, tagged {@code tag}.
     * Everything but the layer's content is well-formed, so a refusal can only come from the layer.
     */
    static byte[] savedImage(String tag, byte[] layer) throws IOException {
        String diffId = "sha256:" + sha256(layer);
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"sh\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
                + "\"created\":\"2026-01-01T00:00:00Z\",\"history\":[{\"created\":\"2026-01-01T00:00:00Z\"}]}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configName = sha256(configBytes) + ".json";
        String layerDir = sha256(layer);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(configName, configBytes);
        files.put(layerDir + "/layer.tar", layer);
        files.put("manifest.json", ("[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + tag + "\"],\"Layers\":[\""
                + layerDir + "/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        Tars t = new Tars().dir(layerDir);
        for (var f : files.entrySet()) {
            t.file(f.getKey(), f.getValue(), 0644);
        }
        return t.bytes();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
