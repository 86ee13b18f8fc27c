package berth.api.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.api.http.ErrorStatus;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryRoutesTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void pullReference_addsLatestWhenNoTagIsGiven() {
        assertThat(RegistryRoutes.pullReference("busybox", Optional.empty()).familiarString()).isEqualTo("busybox:latest");
        assertThat(RegistryRoutes.pullReference("docker.io/library/busybox", Optional.of("1.36")).familiarString())
                .isEqualTo("busybox:1.36");
    }

    @Test
    void pullReference_tagMayBeADigest_andReplacesATagInFromImage() {
        assertThat(RegistryRoutes.pullReference("127.0.0.1:5000/a/b:old", Optional.of(DIGEST)).familiarString())
                .isEqualTo("127.0.0.1:5000/a/b@" + DIGEST);
        assertThat(RegistryRoutes.pullReference("127.0.0.1:5000/a/b:old", Optional.of("v2")).familiarString())
                .isEqualTo("127.0.0.1:5000/a/b:v2");
        assertThat(RegistryRoutes.pullReference("busybox@" + DIGEST, Optional.empty()).familiarString())
                .isEqualTo("busybox@" + DIGEST);
    }

    @Test
    void pullReference_badInput_isInvalidArgument() {
        assertThatThrownBy(() -> RegistryRoutes.pullReference("BusyBox", Optional.empty()))
                .isInstanceOf(BerthException.class).hasMessageContaining("must be lowercase");
        assertThatThrownBy(() -> RegistryRoutes.pullReference("busybox", Optional.of("sha256:short")))
                .isInstanceOf(BerthException.class).hasMessageContaining("invalid digest");
        assertThatThrownBy(() -> RegistryRoutes.pullReference("busybox", Optional.of("-bad")))
                .isInstanceOf(BerthException.class).hasMessageContaining("invalid tag format");
    }

    @Test
    void registryFailures_mapToDockersStatusCodes() {
        assertThat(ErrorStatus.of(ErrorKind.NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorStatus.of(ErrorKind.UNAUTHENTICATED)).isEqualTo(401);
        assertThat(ErrorStatus.of(ErrorKind.INVALID_ARGUMENT)).isEqualTo(400);
        assertThat(ErrorStatus.of(ErrorKind.PERMISSION_DENIED)).isEqualTo(403);
    }
}
