package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import berth.api.http.Json;
import berth.content.Digest;
import berth.image.Progress;
import berth.image.RegistryService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
    static String json(Object o) {
        return new String(Json.bytes(o), StandardCharsets.UTF_8);
    }

    @Test
    void downloading_carriesCountsAndTheRenderedBar() {
        assertThat(json(ProgressLines.of(new Progress.Item("a3ed95caeb02", "Downloading", 1000, 2000), Optional.empty())))
                .isEqualTo("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":1000,\"total\":2000},"
                        + "\"progress\":\"[" + "=".repeat(25) + ">" + " ".repeat(25) + "]      1kB/2kB\",\"id\":\"a3ed95caeb02\"}");
    }

    @Test
    void layerStatusWithoutCounts_hasAnEmptyDetail_asDockerdSendsIt() {
        assertThat(json(ProgressLines.of(new Progress.Item("a3ed95caeb02", "Pulling fs layer", 0, 0), Optional.empty())))
                .isEqualTo("{\"status\":\"Pulling fs layer\",\"progressDetail\":{},\"id\":\"a3ed95caeb02\"}");
    }

    @Test
    void pullHeading_getsTheTagAsId() {
        assertThat(json(ProgressLines.of(new Progress.Status("Pulling from library/busybox"), Optional.of("latest"))))
                .isEqualTo("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}");
        assertThat(json(ProgressLines.of(new Progress.Item("latest", "Pulling from library/busybox", 0, 0), Optional.empty())))
                .isEqualTo("{\"status\":\"Pulling from library/busybox\",\"id\":\"latest\"}");
    }

    @Test
    void otherStatus_isAPlainLine() {
        assertThat(json(ProgressLines.of(new Progress.Status("Digest: sha256:ab"), Optional.of("latest"))))
                .isEqualTo("{\"status\":\"Digest: sha256:ab\"}");
    }

    @Test
    void pushAux_isDockersShape() {
        Digest d = Digest.sha256(new byte[0]);
        var line = ImageDtos.ProgressLine.aux(RegistryDtos.PushResult.of(new RegistryService.PushedManifest("v1", d, 527)));
        assertThat(json(line)).isEqualTo("{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\",\"Digest\":\"" + d + "\",\"Size\":527}}");
    }

    @Test
    void distributionInspect_isDockersShape() {
        Digest d = Digest.sha256(new byte[0]);
        var remote = new RegistryService.RemoteImage("application/vnd.oci.image.index.v1+json", d, 1234,
                List.of("linux/amd64", "linux/arm64/v8"));
        assertThat(json(RegistryDtos.DistributionInspect.of(remote))).isEqualTo(
                "{\"Descriptor\":{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + d
                        + "\",\"size\":1234},\"Platforms\":[{\"architecture\":\"amd64\",\"os\":\"linux\"},"
                        + "{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}]}");
    }

    @Test
    void authResponse_alwaysHasBothKeys() {
        assertThat(json(RegistryDtos.AuthResponse.of(new RegistryService.LoginResult("Login Succeeded", Optional.empty()))))
                .isEqualTo("{\"Status\":\"Login Succeeded\",\"IdentityToken\":\"\"}");
    }
}
