package berth.logging.syslog;

import berth.errors.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The {@code syslog-tls-*} options as an SSLContext: {@code syslog-tls-ca-cert} replaces the system
 * roots, {@code syslog-tls-cert}/{@code -key} give a client certificate (PEM; the key in PKCS#8, as
 * {@code openssl req -newkey} writes it), and {@code syslog-tls-skip-verify} — present at all, as
 * Docker reads it — turns verification off.
 *
 * @param context        the TLS context to open connections with
 * @param verifyHostname whether the server's certificate must name the address's host
 */
record SyslogTls(SSLContext context, boolean verifyHostname) {
    private static final Pattern KEY = Pattern.compile("-----BEGIN (RSA )?PRIVATE KEY-----([^-]+)-----END \\1?PRIVATE KEY-----");
    // DER of AlgorithmIdentifier { rsaEncryption, NULL }, for wrapping a PKCS#1 key as PKCS#8.
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    static SyslogTls from(Map<String, String> config) {
        boolean skipVerify = config.containsKey("syslog-tls-skip-verify");
        try {
            TrustManager[] trust = skipVerify ? new TrustManager[] {new TrustAll()} : trustManagers(config.get("syslog-tls-ca-cert"));
            KeyManagerFactory keys = null;
            String cert = config.get("syslog-tls-cert");
            String key = config.get("syslog-tls-key");
            if (nonEmpty(cert) != nonEmpty(key)) {
                throw BerthException.invalid("syslog TLS: syslog-tls-cert and syslog-tls-key go together, got only "
                        + (nonEmpty(cert) ? "syslog-tls-cert" : "syslog-tls-key"));
            }
            if (nonEmpty(cert)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("client", privateKey(Path.of(key)), new char[0],
                        certificates(Path.of(cert)).toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust, null);
            return new SyslogTls(context, !skipVerify);
        } catch (IOException | GeneralSecurityException e) {
            throw BerthException.invalid("syslog TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(String caFile) throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (!nonEmpty(caFile)) {
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        }
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        int i = 0;
        for (X509Certificate ca : certificates(Path.of(caFile))) {
            roots.setCertificateEntry("ca" + i++, ca);
        }
        factory.init(roots);
        return factory.getTrustManagers();
    }

    private static java.util.List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            var certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
            if (certs.isEmpty()) {
                throw new IOException("no certificate in " + file);
            }
            return certs;
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException("no \"PRIVATE KEY\" (PKCS#8) or \"RSA PRIVATE KEY\" block in " + file);
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        if (m.group(1) != null) {
            der = pkcs8FromPkcs1(der);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[3 + RSA_ALGORITHM.length + octets.length];
        body[0] = 0x02;
        body[1] = 0x01;
        body[2] = 0x00;
        System.arraycopy(RSA_ALGORITHM, 0, body, 3, RSA_ALGORITHM.length);
        System.arraycopy(octets, 0, body, 3 + RSA_ALGORITHM.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** syslog-tls-skip-verify: any certificate is accepted, as Go's InsecureSkipVerify. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
