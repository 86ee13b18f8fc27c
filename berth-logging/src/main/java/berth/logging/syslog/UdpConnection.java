package berth.logging.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** {@code udp://}: one message per datagram. An ICMP "port unreachable" fails the next write. */
final class UdpConnection implements SyslogConnection {
    private final DatagramChannel channel;

    UdpConnection(InetSocketAddress target) throws IOException {
        if (target.isUnresolved()) {
            throw new IOException("dial udp " + target.getHostString() + ":" + target.getPort() + ": no such host");
        }
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
        channel.write(ByteBuffer.wrap(message));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a datagram channel does not fail in a way worth reporting
        }
    }
}
