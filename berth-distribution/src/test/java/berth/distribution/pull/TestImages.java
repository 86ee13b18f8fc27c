package berth.distribution.pull;

import berth.content.Digest;
import berth.distribution.MediaTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds test images: layer tars, compressed blobs, configs, manifests, indexes, and OCI layouts for skopeo. */
public final class TestImages {
    static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {
    }

    /** A blob as a registry serves it. */
    public record Blob(String mediaType, byte[] data) {
        public Digest digest() {
            return Digest.sha256(data);
        }

        ObjectNode descriptor() {
            ObjectNode d = JSON.createObjectNode();
            d.put("mediaType", mediaType);
            d.put("digest", digest().toString());
            d.put("size", data.length);
            return d;
        }
    }

    /** A layer: its uncompressed tar (the DiffID's bytes) and its blob. */
    public record Layer(byte[] tar, Blob blob) {
        public Digest diffId() {
            return Digest.sha256(tar);
        }
    }

    /** An image: its layers, config and manifest blobs. */
    public record Image(List<Layer> layers, Blob config, Blob manifest) {
        List<Blob> blobs() {
            List<Blob> all = new ArrayList<>();
            layers.forEach(l -> all.add(l.blob()));
            all.add(config);
            return all;
        }
    }

    /** Entries as name → content; a name ending in / is a directory. */
    public static byte[] tar(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                if (e.getKey().endsWith("/")) {
                    entry.setMode(040755);
                } else {
                    entry.setMode(0100644);
                    entry.setSize(content.length);
                }
                entry.setModTime(1_700_000_000_000L);
                out.putArchiveEntry(entry);
                if (!e.getKey().endsWith("/")) {
                    out.write(content);
                }
                out.closeArchiveEntry();
            }
            out.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    public static Map<String, String> entries(String... nameThenContent) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenContent.length; i += 2) {
            m.put(nameThenContent[i], nameThenContent[i + 1]);
        }
        return m;
    }

    public static Layer gzipLayer(byte[] tar) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Layer(tar, new Blob(MediaTypes.OCI_LAYER_GZIP, bytes.toByteArray()));
    }

    public static Layer zstdLayer(byte[] tar) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(bytes)) {
            out.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Layer(tar, new Blob(MediaTypes.OCI_LAYER_ZSTD, bytes.toByteArray()));
    }

    public static Layer plainLayer(byte[] tar) {
        return new Layer(tar, new Blob(MediaTypes.OCI_LAYER, tar));
    }

    public static Image image(String architecture, List<Layer> layers) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", architecture);
        config.put("os", "linux");
        config.put("created", "2024-01-01T00:00:00Z");
        config.putObject("config").putArray("Cmd").add("/bin/sh");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        layers.forEach(l -> ids.add(l.diffId().toString()));
        Blob configBlob = new Blob(MediaTypes.OCI_CONFIG, write(config));
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", configBlob.descriptor());
        ArrayNode ls = manifest.putArray("layers");
        layers.forEach(l -> ls.add(l.blob().descriptor()));
        return new Image(layers, configBlob, new Blob(MediaTypes.OCI_MANIFEST, write(manifest)));
    }

    static Blob index(List<Image> images, List<String> platforms) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode ms = index.putArray("manifests");
        for (int i = 0; i < images.size(); i++) {
            ObjectNode d = images.get(i).manifest().descriptor();
            String[] p = platforms.get(i).split("/");
            d.putObject("platform").put("os", p[0]).put("architecture", p[1]);
            ms.add(d);
        }
        return new Blob(MediaTypes.OCI_INDEX, write(index));
    }

    static byte[] write(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OCI image layout directory (what skopeo reads with {@code oci:DIR:tag}). */
    public static final class OciLayout {
        private final Path dir;
        private final ArrayNode manifests;
        private final ObjectNode index = JSON.createObjectNode();

        public OciLayout(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            manifests = index.putArray("manifests");
        }

        public Path dir() {
            return dir;
        }

        void blob(Blob b) throws IOException {
            Path p = dir.resolve("blobs/sha256").resolve(b.digest().hex());
            if (!Files.exists(p)) {
                Files.write(p, b.data());
            }
        }

        public void add(Image image, String tag) throws IOException {
            for (Blob b : image.blobs()) {
                blob(b);
            }
            blob(image.manifest());
            ref(image.manifest(), tag);
        }

        void addIndex(List<Image> images, Blob index, String tag) throws IOException {
            for (Image i : images) {
                for (Blob b : i.blobs()) {
                    blob(b);
                }
                blob(i.manifest());
            }
            blob(index);
            ref(index, tag);
        }

        private void ref(Blob b, String tag) throws IOException {
            ObjectNode d = b.descriptor();
            d.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
            manifests.add(d);
            Files.write(dir.resolve("index.json"), write(index));
        }
    }
}
