package berth.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads Docker's multiplexed stream (containers without a TTY): each frame is an 8-byte header,
 * {@code [stream, 0, 0, 0, size uint32 big-endian]}, then {@code size} bytes of payload.
 */
public final class MultiplexedStreamReader {
    private static final int MAX_FRAME = 64 * 1024 * 1024;
    private final InputStream in;

    public MultiplexedStreamReader(InputStream in) {
        this.in = in;
    }

    /** The next frame, or null at a clean end of stream (between frames). */
    public StreamFrame next() throws IOException {
        byte[] header = new byte[8];
        int got = in.readNBytes(header, 0, 8);
        if (got == 0) {
            return null;
        }
        if (got < 8) {
            throw new EOFException("stream ended inside a frame header (" + got + " of 8 bytes)");
        }
        int stream = header[0] & 0xff;
        long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8) | (header[7] & 0xffL);
        if (stream > StreamFrame.SYSTEM_ERROR || size > MAX_FRAME) {
            throw new IOException("not a multiplexed stream: frame header " + java.util.HexFormat.of().formatHex(header));
        }
        byte[] payload = in.readNBytes((int) size);
        if (payload.length < size) {
            throw new EOFException("stream ended inside a frame (" + payload.length + " of " + size + " bytes)");
        }
        return new StreamFrame(stream, payload);
    }

    /**
     * Copies every frame to stdout or stderr until the end of the stream, flushing after each frame
     * so interactive output appears at once.
     *
     * @throws ClientException when the daemon sends a system-error frame (stream 3)
     */
    public void copyTo(OutputStream stdout, OutputStream stderr) throws IOException {
        StreamFrame frame;
        while ((frame = next()) != null) {
            switch (frame.stream()) {
                case StreamFrame.STDOUT, StreamFrame.STDIN -> {
                    stdout.write(frame.payload());
                    stdout.flush();
                }
                case StreamFrame.STDERR -> {
                    stderr.write(frame.payload());
                    stderr.flush();
                }
                default -> throw new ClientException(new String(frame.payload(), java.nio.charset.StandardCharsets.UTF_8).strip());
            }
        }
    }
}
