package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NativeSha256Test {
    @Test
    void digest_matchesTheJdksForManySizesAndSplits() throws Exception {
        MessageDigest nat = NativeSha256.create().orElseThrow(() -> new AssertionError("libcrypto.so.3 is missing"));
        Random r = new Random(42);
        for (int size : new int[] {0, 1, 55, 64, 65, 8191, 100_000}) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            int cut = size / 3;
            nat.update(data, 0, cut);
            nat.update(data, cut, size - cut);
            assertThat(nat.digest()).as("size %d", size).isEqualTo(jdk.digest(data));
        }
        // After digest() the state is reset: the empty input's well-known hash.
        assertThat(java.util.HexFormat.of().formatHex(nat.digest()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
