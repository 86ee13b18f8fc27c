package berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryMainTest {
    @TempDir
    Path root;

    @Test
    void garbageCollect_deletesUnreferencedBlobs_keepingAnImagesBlobs() throws Exception {
        Digest orphan;
        Digest layer = Digest.sha256("kept layer".getBytes(StandardCharsets.UTF_8));
        try (RegistryFixture reg = RegistryFixture.open(root)) {
            assertThat(reg.pushImage("app", "v1", "{}", List.of("kept layer".getBytes(StandardCharsets.UTF_8)), "").statusCode()).isEqualTo(201);
            orphan = reg.pushBlob("app", "nobody refers to me".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = RegistryMain.run(new String[] {"garbage-collect", "--root", root.toString(), "--grace", "0s"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("deleted " + orphan).contains("deleted 1 blobs");
        try (RegistryFixture reg = RegistryFixture.open(root)) {
            assertThat(reg.send("HEAD", "/v2/app/blobs/" + orphan).statusCode()).isEqualTo(404);
            assertThat(reg.send("HEAD", "/v2/app/blobs/" + layer).statusCode()).isEqualTo(200);
            assertThat(reg.get("/v2/app/manifests/v1").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badUsage_failsWithAMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(RegistryMain.run(new String[] {"bogus"}, System.out, errs)).isEqualTo(1);
        assertThat(RegistryMain.run(new String[] {"serve", "--root", root.toString(), "--port", "1"}, System.out, errs)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command \"bogus\"").contains("unknown option --port");
    }
}
