package berth.logging.gelf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;

/**
 * GELF over UDP: each message compressed, then sent as one datagram or in chunks. A "port
 * unreachable" left by an earlier datagram (the receiver was down) fails one send, which is retried once.
 */
final class GelfUdpWriter implements GelfWriter {
    private final DatagramChannel channel;
    private final GelfCompression compression;
    private final int level;
    private final SecureRandom random = new SecureRandom();

    GelfUdpWriter(InetSocketAddress target, GelfCompression compression, int level) throws IOException {
        if (target.isUnresolved()) {
            throw new IOException("lookup " + target.getHostString() + ": no such host");
        }
        this.compression = compression;
        this.level = level;
        channel = DatagramChannel.open();
        try {
            channel.connect(target);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void write(byte[] message) throws IOException {
        byte[] messageId = new byte[8];
        random.nextBytes(messageId);
        for (byte[] datagram : GelfChunker.datagrams(compression.compress(message, level), messageId)) {
            try {
                channel.write(ByteBuffer.wrap(datagram));
            } catch (PortUnreachableException e) {
                channel.write(ByteBuffer.wrap(datagram));
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
