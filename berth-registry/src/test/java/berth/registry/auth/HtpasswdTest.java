package berth.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

class HtpasswdTest {
    @Test
    void authenticate_checksBcryptHashes() {
        String hash = OpenBSDBCrypt.generate("2y", "secret".toCharArray(), new byte[16], 4);
        Htpasswd h = Htpasswd.parse("# users\nalice:" + hash + "\n\n", "test");
        assertThat(h.authenticate("alice", "secret")).isTrue();
        assertThat(h.authenticate("alice", "secret")).isTrue(); // remembered
        assertThat(h.authenticate("alice", "Secret")).isFalse();
        assertThat(h.authenticate("bob", "secret")).isFalse();
    }

    @Test
    void parse_refusesNonBcryptEntries() {
        assertThatThrownBy(() -> Htpasswd.parse("alice:{SHA}abc\n", "f")).hasMessageContaining("line 1").hasMessageContaining("htpasswd -B");
    }
}
