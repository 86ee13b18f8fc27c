package berth.image;

import berth.content.ContentReader;
import berth.content.Digest;
import berth.errors.BerthException;
import berth.snapshot.ChainIds;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes images in the Docker save format that {@code docker load} (20.10 and later) reads:
 * {@code <layer>/VERSION}, {@code <layer>/json}, {@code <layer>/layer.tar} per layer, {@code <id>.json}
 * per config, {@code manifest.json} and {@code repositories}. The output is a pure function of the
 * images: entries sorted, owner root, times at the epoch, so saving the same images twice gives the
 * same bytes. A layer directory is named by the hex of its chain ID, so layers shared by the saved
 * images are written once.
 */
final class ArchiveWriter {
    /** One image to write, with the familiar tags to record ({@code busybox:latest}). */
    record Item(Digest id, byte[] config, List<Digest> diffIds, List<ImageReference> tags) {}

    private static final FileTime EPOCH = FileTime.from(Instant.EPOCH);

    private ArchiveWriter() {}

    static void write(List<Item> items, ContentReader blobs, OutputStream out) throws IOException {
        // Layer dir name → diff ID, parent dir name.
        TreeMap<String, Digest> layerDiffs = new TreeMap<>();
        Map<String, String> layerParents = new LinkedHashMap<>();
        TreeMap<String, byte[]> configs = new TreeMap<>();
        ArrayNode manifest = ImageConfigJson.JSON.createArrayNode();
        TreeMap<String, TreeMap<String, String>> repositories = new TreeMap<>();
        for (Item item : items) {
            List<Digest> chain = ChainIds.of(item.diffIds());
            List<String> layerPaths = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                String dir = chain.get(i).hex();
                layerDiffs.put(dir, item.diffIds().get(i));
                if (i > 0) {
                    layerParents.put(dir, chain.get(i - 1).hex());
                }
                layerPaths.add(dir + "/layer.tar");
                if (blobs.info(item.diffIds().get(i)).isEmpty()) {
                    throw BerthException.internal("layer " + item.diffIds().get(i) + " of image " + item.id()
                            + " is missing from the content store", null);
                }
            }
            configs.put(item.id().hex() + ".json", item.config());
            ObjectNode m = manifest.addObject();
            m.put("Config", item.id().hex() + ".json");
            if (item.tags().isEmpty()) {
                m.putNull("RepoTags");
            } else {
                ArrayNode t = m.putArray("RepoTags");
                item.tags().forEach(r -> t.add(r.familiarString()));
            }
            ArrayNode l = m.putArray("Layers");
            layerPaths.forEach(l::add);
            if (!chain.isEmpty()) {
                for (ImageReference r : item.tags()) {
                    repositories.computeIfAbsent(r.familiarName(), k -> new TreeMap<>()).put(r.tag().orElseThrow(),
                            chain.getLast().hex());
                }
            }
        }

        TarArchiveOutputStream tar = new TarArchiveOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the caller owns the stream
            }
        });
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Map.Entry<String, Digest> layer : layerDiffs.entrySet()) {
            String dir = layer.getKey();
            TarArchiveEntry d = entry(dir + "/", TarConstants.LF_DIR, 0755, 0);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
            file(tar, dir + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
            ObjectNode json = ImageConfigJson.JSON.createObjectNode();
            json.put("id", dir);
            if (layerParents.containsKey(dir)) {
                json.put("parent", layerParents.get(dir));
            }
            json.put("created", "1970-01-01T00:00:00Z");
            json.set("container_config", ImageConfigJson.configNode(ImageConfig.empty()));
            json.put("os", "linux");
            file(tar, dir + "/json", ImageConfigJson.JSON.writeValueAsBytes(json));
            long size = blobs.info(layer.getValue()).orElseThrow().size();
            tar.putArchiveEntry(entry(dir + "/layer.tar", TarConstants.LF_NORMAL, 0644, size));
            try (InputStream in = blobs.open(layer.getValue())) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
        for (Map.Entry<String, byte[]> c : configs.entrySet()) {
            file(tar, c.getKey(), c.getValue());
        }
        file(tar, "manifest.json", ImageConfigJson.JSON.writeValueAsBytes(manifest));
        if (!repositories.isEmpty()) {
            file(tar, "repositories", ImageConfigJson.JSON.writeValueAsBytes(repositories));
        }
        tar.finish();
        tar.close();
    }

    private static TarArchiveEntry entry(String name, byte type, int mode, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        e.setSize(size);
        e.setModTime(EPOCH);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        return e;
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        tar.putArchiveEntry(entry(name, TarConstants.LF_NORMAL, 0644, data.length));
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
