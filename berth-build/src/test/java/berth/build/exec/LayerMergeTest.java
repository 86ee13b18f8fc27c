package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class LayerMergeTest {
    /** A layer of entries "name" (a dir when it ends in /) or "name=content". */
    private static byte[] layer(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String spec : entries) {
                int eq = spec.indexOf('=');
                String name = eq < 0 ? spec : spec.substring(0, eq);
                TarArchiveEntry e = new TarArchiveEntry(name);
                byte[] content = eq < 0 ? new byte[0] : spec.substring(eq + 1).getBytes(StandardCharsets.UTF_8);
                e.setSize(content.length);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> merged(byte[]... layers) throws IOException {
        return merged(path -> true, layers);
    }

    private static List<String> merged(java.util.function.Predicate<String> inBase, byte[]... layers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerMerge.merge(layers.length, i -> new ByteArrayInputStream(layers[i]), inBase, out);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                names.add(e.getName() + (content.isEmpty() ? "" : "=" + content));
            }
        }
        return names;
    }

    @Test
    void aHigherLayersFile_replacesTheLowerOne() throws IOException {
        assertThat(merged(layer("app/", "app/a=1", "app/b=1"), layer("app/a=2")))
                .containsExactly("app/", "app/b=1", "app/a=2");
    }

    @Test
    void aFileDeletedLater_isLeftOut_butTheWhiteoutStaysForTheBase() throws IOException {
        assertThat(merged(layer("tmp/", "tmp/x=1"), layer("tmp/.wh.x", "etc/.wh.passwd")))
                .containsExactly("tmp/", "tmp/.wh.x", "etc/.wh.passwd");
    }

    @Test
    void aWhiteoutOfWhatTheBaseLacks_isDropped() throws IOException {
        assertThat(merged(path -> path.equals("etc/passwd"), layer("d/", "d/a=1", "d/b=1"),
                layer("d/", "d/.wh.a", "etc/", "etc/.wh.passwd")))
                .containsExactly("d/b=1", "d/", "etc/", "etc/.wh.passwd");
    }

    @Test
    void aWhiteoutUndoneByAHigherLayer_isDropped() throws IOException {
        assertThat(merged(layer("etc/.wh.motd"), layer("etc/motd=new"))).containsExactly("etc/motd=new");
    }

    @Test
    void anOpaqueDirectory_hidesWhatLowerLayersPutInIt() throws IOException {
        assertThat(merged(layer("d/", "d/old=1", "e=1"), layer("d/", "d/.wh..wh..opq", "d/new=2")))
                .containsExactly("e=1", "d/", "d/.wh..wh..opq", "d/new=2");
    }

    @Test
    void aWhitedOutDirectory_hidesItsLowerContents() throws IOException {
        assertThat(merged(layer("d/", "d/f=1"), layer(".wh.d"))).containsExactly(".wh.d");
    }
}
