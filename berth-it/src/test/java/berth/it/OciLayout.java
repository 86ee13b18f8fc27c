package berth.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes OCI image layouts (the directory {@code skopeo copy oci:DIR:tag} reads) for the registry
 * tests: per platform an image of the busybox rootfs plus a layer holding {@code /platform} with that
 * platform's name, all under one index tagged {@code tag}. skopeo puts them into a registry, so the
 * tests need no image from outside.
 */
final class OciLayout {
    private final Path dir;
    private final List<String> manifests = new ArrayList<>();
    private final java.util.Map<String, String> digests = new java.util.LinkedHashMap<>();

    /** What was written: the index's digest and each platform's manifest digest. */
    record Written(Path dir, String indexDigest, java.util.Map<String, String> manifestDigests) {}

    private OciLayout(Path dir) {
        this.dir = dir;
    }

    /** An index of one image per platform ({@code os/arch[/variant]}), written to {@code dir}. */
    static Written write(Path dir, String tag, String... platforms) throws IOException {
        OciLayout l = new OciLayout(dir);
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        byte[] rootfs = Tars.busyboxRootfs(); // once: its entries carry the time they were made
        Descriptor base = l.blob("application/vnd.oci.image.layer.v1.tar+gzip", gzip(rootfs));
        String baseDiff = "sha256:" + Tars.sha256(rootfs);
        for (String platform : platforms) {
            String[] p = platform.split("/");
            byte[] marker = new Tars().file("platform", platform + "\n").bytes();
            Descriptor top = l.blob("application/vnd.oci.image.layer.v1.tar+gzip", gzip(marker));
            String config = "{\"architecture\":\"" + p[1] + "\",\"os\":\"" + p[0] + "\""
                    + (p.length > 2 ? ",\"variant\":\"" + p[2] + "\"" : "")
                    + ",\"created\":\"2026-01-01T00:00:00Z\",\"config\":{\"Cmd\":[\"sh\"]},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + baseDiff + "\",\"sha256:"
                    + Tars.sha256(marker) + "\"]},\"history\":[{\"created\":\"2026-01-01T00:00:00Z\"},"
                    + "{\"created\":\"2026-01-01T00:00:00Z\",\"created_by\":\"platform " + platform + "\"}]}";
            Descriptor cfg = l.blob("application/vnd.oci.image.config.v1+json", config.getBytes(StandardCharsets.UTF_8));
            String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":" + cfg.json() + ",\"layers\":[" + base.json() + "," + top.json() + "]}";
            Descriptor m = l.blob("application/vnd.oci.image.manifest.v1+json", manifest.getBytes(StandardCharsets.UTF_8));
            l.digests.put(platform, m.digest());
            l.manifests.add(m.json().replaceFirst("}$", ",\"platform\":{\"architecture\":\"" + p[1] + "\",\"os\":\"" + p[0]
                    + "\"" + (p.length > 2 ? ",\"variant\":\"" + p[2] + "\"" : "") + "}}"));
        }
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + String.join(",", l.manifests) + "]}";
        Descriptor idx = l.blob("application/vnd.oci.image.index.v1+json", index.getBytes(StandardCharsets.UTF_8));
        String top = "{\"schemaVersion\":2,\"manifests\":[" + idx.json().replaceFirst("}$",
                ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}") + "]}";
        Files.writeString(dir.resolve("index.json"), top);
        return new Written(dir, idx.digest(), java.util.Map.copyOf(l.digests));
    }

    private record Descriptor(String mediaType, String digest, long size) {
        String json() {
            return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
        }
    }

    private Descriptor blob(String mediaType, byte[] data) throws IOException {
        String hex = Tars.sha256(data);
        Files.write(dir.resolve("blobs/sha256").resolve(hex), data);
        return new Descriptor(mediaType, "sha256:" + hex, data.length);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
