package berth.logging.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client certificates and keys in the PEM forms openssl writes. */
class SyslogTlsTest {
    private Path dir;

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-syslog-tls");
    }

    @AfterEach
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(args)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(dir.resolve("openssl.out"))).isZero();
    }

    private void selfSigned(String key) throws IOException, InterruptedException {
        openssl("openssl", "req", "-x509", "-key", key, "-out", "cert.pem", "-days", "1", "-subj", "/CN=client");
    }

    @Test
    void pkcs1RsaKey_isAccepted() throws Exception {
        openssl("openssl", "genrsa", "-traditional", "-out", "rsa.pem", "2048");
        assertThat(Files.readString(dir.resolve("rsa.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        selfSigned("rsa.pem");
        SyslogTls tls = SyslogTls.from(Map.of("syslog-tls-cert", dir.resolve("cert.pem").toString(),
                "syslog-tls-key", dir.resolve("rsa.pem").toString()));
        assertThat(tls.verifyHostname()).isTrue();
    }

    @Test
    void pkcs8EcKey_isAccepted() throws Exception {
        openssl("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        selfSigned("ec.pem");
        SyslogTls.from(Map.of("syslog-tls-cert", dir.resolve("cert.pem").toString(),
                "syslog-tls-key", dir.resolve("ec.pem").toString(), "syslog-tls-ca-cert", dir.resolve("cert.pem").toString()));
    }

    @Test
    void certificateWithoutKey_isRefused() {
        assertThatThrownBy(() -> SyslogTls.from(Map.of("syslog-tls-cert", "/x.pem"))).isInstanceOf(BerthException.class)
                .hasMessageContaining("syslog-tls-cert and syslog-tls-key go together");
    }

    @Test
    void skipVerify_isOnWhenPresentAtAll_asDockerReadsIt() {
        assertThat(SyslogTls.from(Map.of("syslog-tls-skip-verify", "false")).verifyHostname()).isFalse();
        assertThat(SyslogTls.from(Map.of()).verifyHostname()).isTrue();
    }
}
