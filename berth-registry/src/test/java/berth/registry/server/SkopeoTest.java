package berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real client: skopeo (containers/image) copies an image into the server and back out. */
class SkopeoTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void skopeo_copiesAnImageInInspectsItAndCopiesItBack() throws Exception {
        Path source = tmp.resolve("source");
        Digest manifest = OciLayout.write(source, "v1");
        try (RegistryFixture reg = RegistryFixture.open(tmp.resolve("root"))) {
            String ref = "docker://127.0.0.1:" + reg.server.port() + "/berth/hello:v1";
            skopeo("copy", "--dest-tls-verify=false", "oci:" + source + ":v1", ref);

            JsonNode inspect = JSON.readTree(skopeo("inspect", "--tls-verify=false", ref));
            assertThat(inspect.path("Digest").asText()).isEqualTo(manifest.toString());
            assertThat(inspect.path("Architecture").asText()).isEqualTo("amd64");

            Path back = tmp.resolve("back");
            skopeo("copy", "--src-tls-verify=false", ref, "oci:" + back + ":v1");
            JsonNode index = JSON.readTree(Files.readAllBytes(back.resolve("index.json")));
            assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(manifest.toString());

            // A second push of the same image finds every blob there already.
            skopeo("copy", "--dest-tls-verify=false", "oci:" + source + ":v1", "docker://127.0.0.1:" + reg.server.port() + "/berth/hello:v2");
            JsonNode tags = JSON.readTree(skopeo("list-tags", "--tls-verify=false", "docker://127.0.0.1:" + reg.server.port() + "/berth/hello"));
            assertThat(tags.path("Tags").toString()).isEqualTo("[\"v1\",\"v2\"]");
        }
    }

    static String skopeo(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("skopeo", "--insecure-policy"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            throw new AssertionError("skopeo " + String.join(" ", args) + " failed (" + rc + "): " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
