package berth.logging.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamConnectionTest {
    private static ServerSocketChannel listen() throws IOException {
        return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    private static StreamConnection connect(ServerSocketChannel server, Duration writeTimeout) throws IOException {
        return StreamConnection.open(SocketChannel.open(), server.getLocalAddress(), Duration.ofSeconds(10),
                writeTimeout, "test receiver");
    }

    @Test
    void write_toAReceiverThatStopsReading_failsAfterTheTimeoutInsteadOfBlocking() throws IOException {
        try (ServerSocketChannel server = listen();
             StreamConnection connection = connect(server, Duration.ofMillis(100));
             SocketChannel stalled = server.accept()) {
            byte[] chunk = new byte[1 << 20];
            assertThatThrownBy(() -> {
                while (true) {
                    connection.write(chunk);
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("timed out");
            assertThat(stalled.isOpen()).isTrue();
        }
    }

    @Test
    void write_afterTheReceiverClosed_failsSoTheCallerReconnects() throws IOException {
        try (ServerSocketChannel server = listen();
             StreamConnection connection = connect(server, Duration.ofSeconds(10))) {
            SocketChannel accepted = server.accept();
            connection.write("first\n".getBytes());
            ByteBuffer got = ByteBuffer.allocate(6);
            while (got.hasRemaining()) {
                accepted.read(got);
            }
            accepted.close();
            // on loopback the receiver's FIN is there as soon as close returns
            assertThatThrownBy(() -> connection.write("second\n".getBytes())).isInstanceOf(IOException.class)
                    .hasMessageContaining("closed by the receiver");
        }
    }
}
