package berth.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Undoes HTTP/1.1 chunked transfer coding. Returns each chunk's bytes as soon as they arrive, which
 * matters for progress and log streams where a chunk is a line the user waits for.
 */
final class ChunkedInputStream extends BlockInputStream {
    private final InputStream in;
    private long remainingInChunk;
    private boolean finished;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (finished) {
            return -1;
        }
        if (remainingInChunk == 0) {
            remainingInChunk = readChunkSize();
            if (remainingInChunk == 0) {
                skipTrailers();
                finished = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remainingInChunk));
        if (n < 0) {
            throw new EOFException("connection closed in the middle of a chunk");
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            expectCrlf();
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return finished ? 0 : (int) Math.min(in.available(), remainingInChunk);
    }

    private long readChunkSize() throws IOException {
        String line = HttpLines.readLine(in);
        if (line == null) {
            throw new EOFException("connection closed before the next chunk");
        }
        int semi = line.indexOf(';'); // chunk extensions are allowed and meaningless to us
        String hex = (semi >= 0 ? line.substring(0, semi) : line).strip();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size line from daemon: \"" + line + "\"");
        }
    }

    private void expectCrlf() throws IOException {
        String rest = HttpLines.readLine(in);
        if (rest == null || !rest.isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
        }
    }

    private void skipTrailers() throws IOException {
        String line;
        do {
            line = HttpLines.readLine(in);
        } while (line != null && !line.isEmpty());
    }
}
