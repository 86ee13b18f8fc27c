package berth.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.content.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
    static final byte[] DATA = "hello, registry".getBytes(StandardCharsets.UTF_8);
    static final Digest DIGEST = Digest.sha256(DATA);

    /** A server that never stops sending. */
    static final class EndlessStream extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            served += len;
            return len;
        }
    }

    @Test
    void readAll_passesMatchingBlobAndMarksItVerified() throws IOException {
        try (var in = new VerifyingInputStream(new ByteArrayInputStream(DATA), DIGEST, DATA.length)) {
            assertThat(in.isVerified()).isFalse();
            assertThat(in.readAllBytes()).isEqualTo(DATA);
            assertThat(in.isVerified()).isTrue();
            assertThat(in.count()).isEqualTo(DATA.length);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void singleByteReadsAndSkipAreHashedToo() throws IOException {
        var in = new VerifyingInputStream(new ByteArrayInputStream(DATA), DIGEST, DATA.length);
        assertThat(in.read()).isEqualTo('h');
        assertThat(in.skip(5)).isEqualTo(5);
        assertThat(in.read()).isEqualTo(' ');
        in.readAllBytes();
        assertThat(in.isVerified()).isTrue();
        assertThat(in.markSupported()).isFalse();
        assertThatThrownBy(in::reset).isInstanceOf(IOException.class);
    }

    @Test
    void emptyBlobVerifies() throws IOException {
        var in = new VerifyingInputStream(InputStream.nullInputStream(), Digest.sha256(new byte[0]), 0);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.isVerified()).isTrue();
    }

    @Test
    void shortBlobFailsAtEof() {
        var in = new VerifyingInputStream(new ByteArrayInputStream(DATA, 0, 5), DIGEST, DATA.length);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                .hasMessage("blob " + DIGEST + " ended after 5 bytes, expected " + DATA.length);
        assertThat(in.isVerified()).isFalse();
    }

    @Test
    void wrongContentFailsAtEofAndKeepsFailing() {
        byte[] other = DATA.clone();
        other[0] = 'j';
        var in = new VerifyingInputStream(new ByteArrayInputStream(other), DIGEST, DATA.length);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                .hasMessage("digest mismatch: expected " + DIGEST + ", got " + Digest.sha256(other));
        assertThatThrownBy(in::read).hasMessageStartingWith("digest mismatch");
        assertThat(in.isVerified()).isFalse();
    }

    @Test
    void endlessStreamFailsWithoutHandingOutSurplus() throws IOException {
        EndlessStream endless = new EndlessStream();
        var in = new VerifyingInputStream(endless, DIGEST, 100);
        byte[] buffer = new byte[64];
        long handedOut = 0;
        IOException failure = null;
        try {
            while (true) {
                int n = in.read(buffer);
                handedOut += n;
            }
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure).hasMessage("blob " + DIGEST + " is longer than its declared size of 100 bytes");
        assertThat(handedOut).isLessThanOrEqualTo(100);
        assertThat(in.count()).isEqualTo(handedOut);
    }

    @Test
    void longerBlobFailsEvenWhenExtraArrivesInTheSameRead() {
        byte[] longer = (new String(DATA, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);
        var in = new VerifyingInputStream(new ByteArrayInputStream(longer), DIGEST, DATA.length);
        assertThatThrownBy(() -> in.read(new byte[100])).hasMessageContaining("longer than its declared size");
        assertThat(in.count()).isZero();
    }

    @Test
    void verifyRemaining_hashesWhatTheConsumerLeft() throws IOException {
        var in = new VerifyingInputStream(new ByteArrayInputStream(DATA), DIGEST, DATA.length);
        in.readNBytes(3);
        in.verifyRemaining();
        assertThat(in.isVerified()).isTrue();
        byte[] other = DATA.clone();
        other[DATA.length - 1] = '?';
        var bad = new VerifyingInputStream(new ByteArrayInputStream(other), DIGEST, DATA.length);
        bad.readNBytes(3);
        assertThatThrownBy(bad::verifyRemaining).hasMessageStartingWith("digest mismatch");
    }

    @Test
    void rejectsNegativeSize() {
        assertThatThrownBy(() -> new VerifyingInputStream(InputStream.nullInputStream(), DIGEST, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
