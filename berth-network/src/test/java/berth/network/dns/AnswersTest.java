package berth.network.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AnswersTest {
    private static final List<InetAddress> WEB = List.of(InetAddress.ofLiteral("10.1.2.3"), InetAddress.ofLiteral("10.1.2.4"));

    @Test
    void forKnownName_answersAQuestionWithEveryAddressInOrder() {
        Message query = FakeUpstream.question("Web.", Type.A);

        Message reply = Answers.forKnownName(query, WEB);

        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress())
                .containsExactlyElementsOf(WEB);
        assertThat(reply.getSection(Section.ANSWER)).allSatisfy(r -> {
            assertThat(r.getTTL()).isEqualTo(600);
            assertThat(r.getName()).isEqualTo(query.getQuestion().getName());
        });
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void forKnownName_isShapedAsDockersReply() {
        Message query = FakeUpstream.question("web.", Type.A);
        query.getHeader().setID(4242);
        query.getHeader().setFlag(Flags.CD);

        Message reply = Answers.forKnownName(query, WEB);

        assertThat(reply.getHeader().getID()).isEqualTo(4242);
        assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue(); // newQuery sets RD; it is copied
        assertThat(reply.getHeader().getFlag(Flags.CD)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(reply.getQuestion()).isEqualTo(query.getQuestion());
    }

    @Test
    void forKnownName_answersOtherTypesWithNoErrorAndNoRecords() {
        for (int type : new int[] {Type.AAAA, Type.MX, Type.TXT}) {
            Message reply = Answers.forKnownName(FakeUpstream.question("web.", type), WEB);

            assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(reply.getSection(Section.ANSWER)).isEmpty();
        }
    }

    @Test
    void forKnownName_leavesIpv6AddressesOutOfAnAAnswer() {
        Message reply = Answers.forKnownName(FakeUpstream.question("web.", Type.A),
                List.of(InetAddress.ofLiteral("fd00::1"), InetAddress.ofLiteral("10.1.2.3")));

        assertThat(reply.getSection(Section.ANSWER)).extracting(r -> ((ARecord) r).getAddress())
                .containsExactly(InetAddress.ofLiteral("10.1.2.3"));
    }

    @Test
    void serverFailure_keepsTheIdAndQuestion() {
        Message query = FakeUpstream.question("example.org.", Type.A);

        Message reply = Answers.serverFailure(query);

        assertThat(reply.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(reply.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(reply.getQuestion()).isEqualTo(query.getQuestion());
    }

    @Test
    void toWire_truncatesWhatDoesNotFitAndSetsTc() throws IOException {
        List<InetAddress> many = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            many.add(InetAddress.ofLiteral("10.9.0." + i));
        }
        Message reply = Answers.forKnownName(FakeUpstream.question("crowd.", Type.A), many);

        byte[] udp = Answers.toWire(reply, 512);
        byte[] tcp = Answers.toWire(reply, Transport.TCP_LIMIT);

        assertThat(udp.length).isLessThanOrEqualTo(512);
        assertThat(new Message(udp).getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(new Message(tcp).getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(new Message(tcp).getSection(Section.ANSWER)).hasSize(100);
    }

    @Test
    void lookupName_isLowerCaseWithoutTheTrailingDot() throws IOException {
        assertThat(Answers.lookupName(Name.fromString("WeB.MyNet."))).isEqualTo("web.mynet");
        assertThat(Answers.lookupName(Name.fromString("web", Name.root))).isEqualTo("web");
    }

    @Test
    void replyLimit_is512OverUdpUnlessEdnsOffersMore() {
        Message plain = FakeUpstream.question("web.", Type.A);
        Message edns = FakeUpstream.question("web.", Type.A);
        edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        Message small = FakeUpstream.question("web.", Type.A);
        small.addRecord(new OPTRecord(100, 0, 0), Section.ADDITIONAL);

        assertThat(Transport.UDP.replyLimit(plain)).isEqualTo(512);
        assertThat(Transport.UDP.replyLimit(edns)).isEqualTo(4096);
        assertThat(Transport.UDP.replyLimit(small)).isEqualTo(512);
        assertThat(Transport.TCP.replyLimit(plain)).isEqualTo(65535);
    }
}
