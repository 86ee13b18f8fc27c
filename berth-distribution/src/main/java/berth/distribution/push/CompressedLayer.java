package berth.distribution.push;

import berth.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPOutputStream;

/**
 * A layer's tar gzip-compressed into a temp file, with the digest and size of the compressed bytes,
 * computed while writing (the registry wants the digest before the upload ends, and a chunked upload
 * reads the bytes more than once when a request is repeated). Deleted on close.
 */
record CompressedLayer(Path file, Digest digest, long size) implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    /** Compresses {@code tar} (closed when done) into a new file under {@code dir}. */
    static CompressedLayer of(InputStream tar, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "layer-", ".tar.gz");
        try {
            MessageDigest sha = Digest.newSha256();
            CountingOutputStream counted;
            try (tar; OutputStream out = Files.newOutputStream(file)) {
                counted = new CountingOutputStream(new DigestOutputStream(out, sha));
                try (GZIPOutputStream gzip = new GZIPOutputStream(counted, BUFFER)) {
                    tar.transferTo(gzip);
                }
            }
            return new CompressedLayer(file, Digest.ofSha256(sha.digest()), counted.count);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover is swept when the next Pusher starts
        }
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
