package berth.distribution.client;

import static org.assertj.core.api.Assertions.assertThat;

import berth.errors.ErrorKind;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {
    @Test
    void parse_readsTheSpecsErrorBody_andPrintsItAsDocker() {
        RegistryErrors e = RegistryErrors.parse(404, """
                {"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nope"}}]}""".getBytes());
        assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(e.has("MANIFEST_UNKNOWN")).isTrue();
        assertThat(e.describe()).isEqualTo("manifest unknown: manifest unknown");
        assertThat(e.errors().getFirst().detail()).isEqualTo("{\"Tag\":\"nope\"}");
    }

    @Test
    void parse_ofAnythingElse_fallsBackToTheStatus() {
        assertThat(RegistryErrors.parse(401, "<html>no</html>".getBytes()).describe()).isEqualTo("unauthorized: authentication required");
        assertThat(RegistryErrors.parse(503, new byte[0]).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(RegistryErrors.parse(429, new byte[0]).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(RegistryErrors.parse(403, "{\"errors\":5}".getBytes()).kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
    }

    @Test
    void parse_clipsHugeAndMultilineMessages() {
        String longMessage = "x".repeat(5000);
        RegistryErrors e = RegistryErrors.parse(400, ("{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"a\\nb" + longMessage + "\"}]}").getBytes());
        assertThat(e.describe()).startsWith("digest invalid: a b").hasSizeLessThan(600).doesNotContain("\n");
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }
}
