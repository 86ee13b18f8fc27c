package berth.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
    static String decode(String header) {
        return new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
    }

    @Test
    void anonymous_isTheEmptyObjectDockerSends() {
        assertThat(AuthConfig.ANONYMOUS.toHeader()).isEqualTo("e30=");
        assertThat(AuthConfig.ANONYMOUS.withServerAddress("127.0.0.1:5000").toHeader()).isEqualTo("e30=");
    }

    @Test
    void header_isBase64UrlOfTheJsonWithoutEmptyFields() {
        String h = new AuthConfig("me", "p?>>?", "", "127.0.0.1:5000").toHeader();
        assertThat(h).doesNotContain("+").doesNotContain("/");
        assertThat(decode(h)).isEqualTo("{\"username\":\"me\",\"password\":\"p?>>?\",\"serveraddress\":\"127.0.0.1:5000\"}");
        assertThat(decode(new AuthConfig("me", "", "tok", "r").toHeader()))
                .isEqualTo("{\"username\":\"me\",\"serveraddress\":\"r\",\"identitytoken\":\"tok\"}");
    }

    @Test
    void toString_hidesThePassword() {
        assertThat(new AuthConfig("me", "hunter2", "tok", "r").toString()).doesNotContain("hunter2").doesNotContain("tok");
    }
}
