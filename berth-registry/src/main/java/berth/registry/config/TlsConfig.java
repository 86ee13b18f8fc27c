package berth.registry.config;

import java.nio.file.Path;
import java.util.Objects;

/** PEM files: the server's certificate (chain) and its private key (PKCS#8, PKCS#1 RSA or SEC1 EC). */
public record TlsConfig(Path certificate, Path key) {
    public TlsConfig {
        Objects.requireNonNull(certificate, "tls.certificate");
        Objects.requireNonNull(key, "tls.key");
    }
}
