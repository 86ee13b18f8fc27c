package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.image.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {
    static String url(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void header_dockerClisEmptyObject_isAnonymous() {
        assertThat(RegistryAuth.fromHeader("e30=")).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryAuth.fromHeader("e30")).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryAuth.fromHeader(null)).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryAuth.fromHeader("  ")).isEqualTo(RegistryCredentials.ANONYMOUS);
        assertThat(RegistryAuth.fromHeader("")).isEqualTo(RegistryCredentials.ANONYMOUS);
    }

    @Test
    void header_readsEveryField() {
        String json = "{\"username\":\"me\",\"password\":\"p?>>s\",\"email\":\"x@y\",\"serveraddress\":\"127.0.0.1:5000\","
                + "\"identitytoken\":\"idt\",\"registrytoken\":\"rt\"}";
        RegistryCredentials c = RegistryAuth.fromHeader(url(json));
        assertThat(c).isEqualTo(new RegistryCredentials("me", "p?>>s", "idt", "rt", "127.0.0.1:5000"));
    }

    @Test
    void header_acceptsStandardAlphabetAndMissingPadding() {
        // "?>>" encodes to characters that differ between the two alphabets
        String json = "{\"username\":\"u\",\"password\":\"??>>??>\"}";
        String std = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String urlNoPad = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertThat(std).containsAnyOf("+", "/");
        assertThat(RegistryAuth.fromHeader(std).password()).isEqualTo("??>>??>");
        assertThat(RegistryAuth.fromHeader(urlNoPad).password()).isEqualTo("??>>??>");
        assertThat(RegistryAuth.fromHeader(" " + std + "\t").password()).isEqualTo("??>>??>");
    }

    @Test
    void header_fieldNamesAreCaseInsensitiveAsInGo() {
        RegistryCredentials c = RegistryAuth.fromHeader(url("{\"Username\":\"me\",\"Password\":\"pw\",\"ServerAddress\":\"r\"}"));
        assertThat(c.username()).isEqualTo("me");
        assertThat(c.password()).isEqualTo("pw");
        assertThat(c.serverAddress()).isEqualTo("r");
    }

    @Test
    void header_authFieldStandsForUserAndPassword() {
        String auth = Base64.getEncoder().encodeToString("me:pa:ss".getBytes(StandardCharsets.UTF_8));
        RegistryCredentials c = RegistryAuth.fromHeader(url("{\"auth\":\"" + auth + "\"}"));
        assertThat(c.username()).isEqualTo("me");
        assertThat(c.password()).isEqualTo("pa:ss");
    }

    @Test
    void header_notBase64_isInvalidArgumentNamingTheHeader() {
        assertThatThrownBy(() -> RegistryAuth.fromHeader("%%%not base64"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("X-Registry-Auth")
                .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void header_notJson_orNotAnObject_isInvalidArgument() {
        assertThatThrownBy(() -> RegistryAuth.fromHeader(url("user:pass")))
                .isInstanceOf(BerthException.class).hasMessageContaining("X-Registry-Auth");
        assertThatThrownBy(() -> RegistryAuth.fromHeader(url("[1,2]")))
                .isInstanceOf(BerthException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> RegistryAuth.fromHeader(url("{\"username\":5}")))
                .isInstanceOf(BerthException.class).hasMessageContaining("username must be a string");
    }

    @Test
    void nullFields_readAsEmpty() {
        RegistryCredentials c = RegistryAuth.fromHeader(url("{\"username\":null,\"password\":null}"));
        assertThat(c.isAnonymous()).isTrue();
    }
}
