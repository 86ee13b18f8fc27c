package berth.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Blocking streams straight over a SocketChannel. Not {@code Channels.newInputStream}: those streams
 * hold the channel's blocking lock while they block, so a hijacked session that reads output on one
 * thread and forwards stdin on another would deadlock.
 */
final class ChannelStreams {
    private ChannelStreams() {}

    static InputStream input(SocketChannel ch) {
        return new BlockInputStream() {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = ch.read(ByteBuffer.wrap(b, off, len));
                return n; // -1 at EOF; a blocking channel never returns 0 for a non-empty buffer
            }
        };
    }

    static OutputStream output(SocketChannel ch) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        };
    }
}
