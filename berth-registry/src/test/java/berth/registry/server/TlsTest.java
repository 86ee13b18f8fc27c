package berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import berth.registry.config.RegistryConfig;
import berth.registry.config.TlsConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a self-signed certificate made by the {@code openssl} CLI. */
class TlsTest {
    @TempDir
    Path tmp;

    Path cert;
    Path key;

    @BeforeEach
    void makeCertificate() throws Exception {
        cert = tmp.resolve("cert.pem");
        key = tmp.resolve("key.pem");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1");
    }

    @Test
    void https_pushesAndServesBlobsAndManifests() throws Exception {
        RegistryConfig config = RegistryConfig.plain("127.0.0.1", 0, tmp.resolve("root")).withTls(new TlsConfig(cert, key));
        try (RegistryFixture reg = new RegistryFixture(config, HttpClient.newBuilder().sslContext(trusting(cert)).build())) {
            assertThat(reg.base).startsWith("https://");
            assertThat(reg.get("/v2/").statusCode()).isEqualTo(200);
            byte[] big = new byte[2 * 1024 * 1024 + 3];
            new Random(1).nextBytes(big);
            Digest d = reg.pushBlob("secure/app", big);
            HttpResponse<byte[]> get = reg.get("/v2/secure/app/blobs/" + d);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(big);
            HttpResponse<byte[]> part = reg.send("GET", "/v2/secure/app/blobs/" + d, null, Map.of("Range", "bytes=100-199"));
            assertThat(part.body()).hasSize(100);
            assertThat(reg.pushImage("secure/app", "v1", "{}", List.of("l".getBytes(StandardCharsets.UTF_8)), "").statusCode()).isEqualTo(201);
        }
    }

    @Test
    void https_withSkopeo_andAPkcs1OrSec1Key() throws Exception {
        Path sec1 = tmp.resolve("sec1.pem");
        run("openssl", "ec", "-in", key.toString(), "-out", sec1.toString());
        assertThat(Files.readString(sec1)).contains("BEGIN EC PRIVATE KEY");
        RegistryConfig config = RegistryConfig.plain("127.0.0.1", 0, tmp.resolve("root")).withTls(new TlsConfig(cert, sec1));
        Path source = tmp.resolve("source");
        Digest manifest = OciLayout.write(source, "v1");
        try (RegistryFixture reg = new RegistryFixture(config, HttpClient.newBuilder().sslContext(trusting(cert)).build())) {
            String ref = "docker://127.0.0.1:" + reg.server.port() + "/secure/hello:v1";
            SkopeoTest.skopeo("copy", "--dest-tls-verify=false", "oci:" + source + ":v1", ref);
            String inspect = SkopeoTest.skopeo("inspect", "--tls-verify=false", ref);
            assertThat(new ObjectMapper().readTree(inspect).path("Digest").asText()).isEqualTo(manifest.toString());
            Path back = tmp.resolve("back");
            SkopeoTest.skopeo("copy", "--src-tls-verify=false", ref, "oci:" + back + ":v1");
            assertThat(Files.readString(back.resolve("index.json"))).contains(manifest.toString());
        }
    }

    static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("registry", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
