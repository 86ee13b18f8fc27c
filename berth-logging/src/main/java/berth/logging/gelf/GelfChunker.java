package berth.logging.gelf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * GELF's UDP chunking, with go-gelf's sizes: a datagram carries at most 1420 bytes; a larger
 * message goes in chunks of a 12-byte header (magic 0x1e 0x0f, an 8-byte message ID, the chunk's
 * sequence number and the chunk count) and up to 1408 bytes of the message; at most 128 chunks.
 */
final class GelfChunker {
    static final int DATAGRAM_SIZE = 1420;
    static final int HEADER_SIZE = 12;
    static final int CHUNK_DATA_SIZE = DATAGRAM_SIZE - HEADER_SIZE;
    static final int MAX_CHUNKS = 128;

    private GelfChunker() {}

    /** The datagrams for one (already compressed) message: itself when it fits, else its chunks. */
    static List<byte[]> datagrams(byte[] message, byte[] messageId) throws IOException {
        if (message.length <= DATAGRAM_SIZE) {
            return List.of(message);
        }
        int count = (message.length + CHUNK_DATA_SIZE - 1) / CHUNK_DATA_SIZE;
        if (count > MAX_CHUNKS) {
            throw new IOException("msg too large, would need " + count + " chunks");
        }
        List<byte[]> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int offset = i * CHUNK_DATA_SIZE;
            int length = Math.min(CHUNK_DATA_SIZE, message.length - offset);
            byte[] chunk = new byte[HEADER_SIZE + length];
            chunk[0] = 0x1e;
            chunk[1] = 0x0f;
            System.arraycopy(messageId, 0, chunk, 2, 8);
            chunk[10] = (byte) i;
            chunk[11] = (byte) count;
            System.arraycopy(message, offset, chunk, HEADER_SIZE, length);
            chunks.add(chunk);
        }
        return chunks;
    }
}
