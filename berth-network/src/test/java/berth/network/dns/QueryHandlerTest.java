package berth.network.dns;

import static org.assertj.core.api.Assertions.assertThat;

import berth.network.ContainerDns;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Answers built and forwarded for real, against fake upstreams on 127.0.0.1; no namespace needed. */
class QueryHandlerTest {
    private static final InetAddress WEB1 = InetAddress.ofLiteral("10.1.2.3");
    private static final InetAddress WEB2 = InetAddress.ofLiteral("10.1.2.4");
    private static final InetAddress EXAMPLE = InetAddress.ofLiteral("192.0.2.7");

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final ContainerDns.Names names = (containerId, name) -> {
        asked.add(containerId + "/" + name);
        return name.equals("web") ? List.of(WEB1, WEB2) : List.of();
    };
    private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeUpstreams() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private FakeUpstream upstream(FakeUpstream.Mode mode) throws IOException {
        FakeUpstream u = new FakeUpstream(Map.of("example.test", EXAMPLE), mode);
        closeAfter.add(u);
        return u;
    }

    private QueryHandler handler(InetSocketAddress... upstreams) {
        return new QueryHandler("c1", names, new Forwarder(() -> List.of(upstreams), Duration.ofSeconds(5)));
    }

    private static Message answer(QueryHandler h, Message query, Transport transport) throws IOException {
        return new Message(h.answer(query.toWire(), transport).orElseThrow());
    }

    @Test
    void answer_knownNameLocallyAskingNamesInLowerCaseWithoutDot() throws IOException {
        Message reply = answer(handler(), FakeUpstream.question("WEB.", Type.A), Transport.UDP);

        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress())
                .containsExactly(WEB1, WEB2);
        assertThat(asked).containsExactly("c1/web");
    }

    @Test
    void answer_forwardsUnknownNamesAndReturnsTheUpstreamsAnswerUnderTheClientsId() throws IOException {
        FakeUpstream upstream = upstream(FakeUpstream.Mode.NORMAL);
        Message query = FakeUpstream.question("example.test.", Type.A);
        query.getHeader().setID(777);

        Message reply = answer(handler(upstream.address()), query, Transport.UDP);

        assertThat(reply.getHeader().getID()).isEqualTo(777);
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress()).containsExactly(EXAMPLE);
        assertThat(upstream.udpQuestions).hasValue(1);
    }

    @Test
    void answer_passesTheUpstreamsNxdomainOn() throws IOException {
        FakeUpstream upstream = upstream(FakeUpstream.Mode.NORMAL);

        Message reply = answer(handler(upstream.address()), FakeUpstream.question("nowhere.test.", Type.A), Transport.UDP);

        assertThat(reply.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void answer_forwardsTcpQuestionsOverTcp() throws IOException {
        FakeUpstream upstream = upstream(FakeUpstream.Mode.NORMAL);

        Message reply = answer(handler(upstream.address()), FakeUpstream.question("example.test.", Type.A), Transport.TCP);

        assertThat(reply.getSection(Section.ANSWER)).hasSize(1);
        assertThat(upstream.tcpQuestions).hasValue(1);
        assertThat(upstream.udpQuestions).hasValue(0);
    }

    @Test
    void answer_asksATruncatedUdpAnswerAgainOverTcp() throws IOException {
        FakeUpstream upstream = upstream(FakeUpstream.Mode.TRUNCATE_UDP);

        Message reply = answer(handler(upstream.address()), FakeUpstream.question("example.test.", Type.A), Transport.UDP);

        assertThat(reply.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress()).containsExactly(EXAMPLE);
        assertThat(upstream.tcpQuestions).hasValue(1);
    }

    @Test
    void answer_triesTheNextUpstreamAfterServfail() throws IOException {
        FakeUpstream failing = upstream(FakeUpstream.Mode.SERVFAIL);
        FakeUpstream working = upstream(FakeUpstream.Mode.NORMAL);

        Message reply = answer(handler(failing.address(), working.address()),
                FakeUpstream.question("example.test.", Type.A), Transport.UDP);

        assertThat(reply.getSection(Section.ANSWER)).hasSize(1);
        assertThat(failing.udpQuestions).hasValue(1);
    }

    @Test
    void answer_isServfailWithoutUpstreamsOrWhenAllFail() throws IOException {
        InetSocketAddress dead;
        try (DatagramSocket closed = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            dead = (InetSocketAddress) closed.getLocalSocketAddress();
        }
        FakeUpstream failing = upstream(FakeUpstream.Mode.SERVFAIL);
        Message query = FakeUpstream.question("example.test.", Type.A);

        assertThat(answer(handler(), query, Transport.UDP).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(answer(handler(dead, failing.address()), query, Transport.UDP).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(answer(handler(dead), query, Transport.TCP).getRcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void answer_dropsWhatIsNotAQuestion() {
        Message response = FakeUpstream.question("web.", Type.A);
        response.getHeader().setFlag(Flags.QR);
        Message empty = new Message();

        assertThat(handler().answer(new byte[] {1, 2, 3}, Transport.UDP)).isEmpty();
        assertThat(handler().answer(new byte[0], Transport.TCP)).isEmpty();
        assertThat(handler().answer(response.toWire(), Transport.UDP)).isEmpty();
        assertThat(handler().answer(empty.toWire(), Transport.UDP)).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void answer_refusesOtherOpcodesAsNotImplemented() throws IOException {
        Message notify = FakeUpstream.question("web.", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);

        assertThat(answer(handler(), notify, Transport.UDP).getRcode()).isEqualTo(Rcode.NOTIMP);
    }

    @Test
    void answer_isServfailWhenTheDaemonCannotLookTheNameUp() throws IOException {
        QueryHandler failing = new QueryHandler("c1", (id, name) -> {
            throw new IllegalStateException("store unavailable");
        }, new Forwarder(List::of, Duration.ofSeconds(5)));

        assertThat(answer(failing, FakeUpstream.question("web.", Type.A), Transport.UDP).getRcode())
                .isEqualTo(Rcode.SERVFAIL);
    }
}
