package berth.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiVersionTest {
    @Test
    void split_stripsVersionPrefix() {
        var vp = ApiVersion.split("/v1.41/containers/json");
        assertThat(vp.version()).contains(new ApiVersion(1, 41));
        assertThat(vp.path()).isEqualTo("/containers/json");
    }

    @Test
    void split_unversionedPathMeansNewest() {
        var vp = ApiVersion.split("/version");
        assertThat(vp.version()).isEmpty();
        assertThat(vp.effective()).isEqualTo(ApiVersion.MAX);
        assertThat(vp.path()).isEqualTo("/version");
    }

    @Test
    void split_acceptsTheWholeServedRange() {
        assertThat(ApiVersion.split("/v1.24/_ping").version()).contains(ApiVersion.MIN);
        assertThat(ApiVersion.split("/v1.56/_ping").version()).contains(ApiVersion.MAX);
    }

    @Test
    void split_tooNew_isDockersMessage() {
        assertThatThrownBy(() -> ApiVersion.split("/v1.57/_ping"))
                .hasMessage("client version 1.57 is too new. Maximum supported API version is 1.56");
    }

    @Test
    void split_tooOld_isRefused() {
        assertThatThrownBy(() -> ApiVersion.split("/v1.12/_ping")).hasMessageContaining("client version 1.12 is too old");
    }

    @Test
    void compare_isNumericNotTextual() {
        assertThat(new ApiVersion(1, 9)).isLessThan(new ApiVersion(1, 41));
        assertThat(new ApiVersion(1, 44).atLeast(1, 44)).isTrue();
        assertThat(new ApiVersion(1, 43).atLeast(1, 44)).isFalse();
    }

    @Test
    void split_imageNameStartingWithV_isNotAVersion() {
        assertThat(ApiVersion.split("/images/v1.2x/json").path()).isEqualTo("/images/v1.2x/json");
    }

    @Test
    void errorStatus_mapsEveryKindOnce() {
        assertThat(ErrorStatus.of(berth.errors.ErrorKind.NOT_FOUND)).isEqualTo(404);
        assertThat(ErrorStatus.of(berth.errors.ErrorKind.CONFLICT)).isEqualTo(409);
        assertThat(ErrorStatus.of(berth.errors.ErrorKind.NOT_IMPLEMENTED)).isEqualTo(501);
        assertThat(ErrorStatus.of(berth.errors.ErrorKind.UNAVAILABLE)).isEqualTo(503);
    }
}
