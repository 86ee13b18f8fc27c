package berth.registry.server;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The TLS certificate chain and private key from PEM files, as {@code openssl} and Docker's registry
 * write them: keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
 * ({@code EC PRIVATE KEY}); the last two are rewrapped as PKCS#8 with Bouncy Castle's ASN.1 types.
 * Encrypted keys are refused: the server starts unattended.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

    private PemFiles() {}

    static List<X509Certificate> certificates(Path file) {
        try (var in = Files.newInputStream(file)) {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
            if (certs.isEmpty()) {
                throw BerthException.invalid("no certificate in " + file);
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw BerthException.invalid("cannot read TLS certificate " + file + ": " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw BerthException.invalid("cannot read TLS key " + file + ": " + e.getMessage(), e);
        }
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue; // e.g. "EC PARAMETERS" before the key
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            try {
                return switch (type) {
                    case "PRIVATE KEY" -> pkcs8(der);
                    case "RSA PRIVATE KEY" -> pkcs8(new PrivateKeyInfo(
                            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), RSAPrivateKey.getInstance(der)).getEncoded());
                    case "EC PRIVATE KEY" -> {
                        ECPrivateKey ec = ECPrivateKey.getInstance(der);
                        yield pkcs8(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec).getEncoded());
                    }
                    default -> throw BerthException.invalid("unsupported key type " + type + " in " + file
                            + " (want an unencrypted PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
                };
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                throw BerthException.invalid("cannot read TLS key " + file + ": " + e.getMessage(), e);
            }
        }
        throw BerthException.invalid("no private key in " + file);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
