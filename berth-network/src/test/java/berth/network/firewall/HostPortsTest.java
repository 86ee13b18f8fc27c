package berth.network.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.PortBinding;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binds real sockets, on 127.0.0.1 or the wildcard, in the ephemeral range. */
class HostPortsTest {
    private final HostPorts ports = new HostPorts();

    @Test
    void ephemeralBinding_getsAFreePortInDockersRangeAndHoldsIt() {
        var r = ports.reserve(List.of(new PortBinding(80, "tcp", "127.0.0.1", 0)));
        try {
            int port = r.bindings().getFirst().hostPort();
            assertThat(port).isBetween(HostPorts.FIRST_EPHEMERAL, HostPorts.LAST_EPHEMERAL);
            assertThat(r.bindings().getFirst()).isEqualTo(new PortBinding(80, "tcp", "127.0.0.1", port));
            assertThat(canBindTcp(port)).isFalse();
        } finally {
            r.release();
        }
        assertThat(canBindTcp(r.bindings().getFirst().hostPort())).isTrue();
    }

    @Test
    void samePortTwice_isRefusedWithDockersMessage() {
        var first = ports.reserve(List.of(new PortBinding(80, "tcp", "", 0)));
        int port = first.bindings().getFirst().hostPort();
        try {
            assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(81, "tcp", "", port))))
                    .isInstanceOf(BerthException.class)
                    .hasMessage("Bind for 0.0.0.0:" + port + " failed: port is already allocated")
                    .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
        } finally {
            first.release();
        }
    }

    @Test
    void aPortTakenByAnotherProgram_isRefused() throws IOException {
        try (var other = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            other.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) other.getLocalAddress()).getPort();

            assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(80, "tcp", "0.0.0.0", port))))
                    .hasMessage("Bind for 0.0.0.0:" + port + " failed: port is already allocated");
        }
    }

    @Test
    void aFailedReservation_releasesThePortsItHadTaken() {
        var held = ports.reserve(List.of(new PortBinding(53, "udp", "", 0)));
        int taken = held.bindings().getFirst().hostPort();
        try {
            var free = ports.reserve(List.of(new PortBinding(80, "tcp", "", 0)));
            int port = free.bindings().getFirst().hostPort();
            free.release();

            assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(80, "tcp", "", port),
                    new PortBinding(53, "udp", "", taken)))).isInstanceOf(BerthException.class);
            assertThat(canBindTcp(port)).isTrue();
        } finally {
            held.release();
        }
    }

    @Test
    void udpAndTcp_areReservedSeparately() throws IOException {
        var tcp = ports.reserve(List.of(new PortBinding(53, "tcp", "", 0)));
        int port = tcp.bindings().getFirst().hostPort();
        var udp = ports.reserve(List.of(new PortBinding(53, "udp", "", port)));
        try (var probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            assertThatThrownBy(() -> probe.bind(new InetSocketAddress(port))).isInstanceOf(IOException.class);
        } finally {
            udp.release();
            tcp.release();
        }
    }

    @Test
    void badBindings_areRejectedBeforeAnythingIsBound() {
        assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(80, "sctp", "", 0))))
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.NOT_IMPLEMENTED));
        assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(80, "icmp", "", 0))))
                .hasMessageContaining("invalid protocol icmp");
        assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(0, "tcp", "", 0))))
                .hasMessageContaining("invalid container port 0");
        assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(80, "tcp", "", 70000))))
                .hasMessageContaining("invalid host port 70000");
        assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(80, "tcp", "192.0.2.77", 0))))
                .hasMessageContaining("not an address of this host");
        assertThatThrownBy(() -> ports.reserve(List.of(new PortBinding(80, "tcp", "::", 0))))
                .hasMessageContaining("invalid host IP ::");
    }

    private static boolean canBindTcp(int port) {
        try (var ch = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            ch.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
