package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {
    private static byte[] reply(int type, int seq, int value, int reserved) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(type).putInt(seq).putInt(value)
                .putInt(reserved).array();
    }

    @Test
    void encode_writesTheLayoutTheAgentParses() {
        byte[] b = AgentProtocol.encode(new AgentProtocol.Request(7, 1000, 100, List.of(10, 20), "/tmp",
                List.of("sh", "-c"), List.of("A=b")));
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getInt()).isEqualTo(AgentProtocol.MAGIC);
        assertThat(List.of(in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.getInt()))
                .containsExactly(7, 1000, 100, 2, 10, 20);
        assertThat(List.of(in.getInt(), in.getInt())).containsExactly(2, 1);
        List<String> strings = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] s = new byte[in.getInt()];
            in.get(s);
            strings.add(new String(s, StandardCharsets.UTF_8));
        }
        assertThat(strings).containsExactly("/tmp", "sh", "-c", "A=b");
    }

    @Test
    void encode_refusesWhatTheAgentCannotCarry() {
        assertThat(AgentProtocol.encode(new AgentProtocol.Request(1, 0, 0, List.of(), "/", List.of("a\0b"), List.of())))
                .isNull();
        assertThat(AgentProtocol.encode(new AgentProtocol.Request(1, 0, 0, List.of(), "/", List.of("x"),
                List.of("BIG=" + "x".repeat(AgentProtocol.MAX_REQUEST))))).isNull();
        assertThat(AgentProtocol.encode(new AgentProtocol.Request(1, 0, 0, Collections.nCopies(257, 5), "/",
                List.of("x"), List.of()))).isNull();
    }

    @Test
    void decode_readsEachReplyType() throws IOException {
        assertThat(AgentProtocol.decode(reply(1, 0, 42, 0), 16)).isEqualTo(new AgentProtocol.Hello(42));
        assertThat(AgentProtocol.decode(reply(2, 5, 17, 0), 16)).isEqualTo(new AgentProtocol.Started(5, 17));
        assertThat(AgentProtocol.decode(reply(4, 5, 0, 0), 16)).isEqualTo(new AgentProtocol.Refused(5));
        AgentProtocol.Reply exited = AgentProtocol.decode(reply(3, 5, 3 << 8, 0), 16);
        assertThat(((AgentProtocol.Exited) exited).exitCode()).isEqualTo(3);
    }

    @Test
    void exited_mapsASignalTo128PlusItsNumber() {
        assertThat(new AgentProtocol.Exited(1, 9).exitCode()).isEqualTo(137);
        assertThat(new AgentProtocol.Exited(1, 0).exitCode()).isZero();
        assertThat(new AgentProtocol.Exited(1, -1).exitCode()).isBetween(0, 255);
    }

    @Test
    void decode_rejectsMessagesOfTheWrongSizeTypeOrContent() {
        assertThatThrownBy(() -> AgentProtocol.decode(reply(1, 0, 42, 0), 15)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> AgentProtocol.decode(reply(1, 0, 42, 0), 4000)).hasMessageContaining("4000 bytes");
        assertThatThrownBy(() -> AgentProtocol.decode(reply(9, 0, 42, 0), 16)).hasMessageContaining("unknown reply");
        assertThatThrownBy(() -> AgentProtocol.decode(reply(2, 1, 0, 0), 16)).hasMessageContaining("invalid pid");
        assertThatThrownBy(() -> AgentProtocol.decode(reply(2, 1, -5, 0), 16)).hasMessageContaining("invalid pid");
        assertThatThrownBy(() -> AgentProtocol.decode(reply(2, 1, 5, 1), 16)).hasMessageContaining("reserved");
    }
}
