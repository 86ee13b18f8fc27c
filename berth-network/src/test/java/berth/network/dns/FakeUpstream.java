package berth.network.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A tiny upstream resolver for tests, on 127.0.0.1 (UDP and TCP on one port): A records from a fixed
 * table, NXDOMAIN for other names. It can answer SERVFAIL to everything, or send over UDP only a
 * truncated (TC, no answers) reply so the client has to come back over TCP.
 */
final class FakeUpstream implements AutoCloseable {
    enum Mode { NORMAL, SERVFAIL, TRUNCATE_UDP }

    private final Map<String, InetAddress> table;
    private final Mode mode;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    final AtomicInteger udpQuestions = new AtomicInteger();
    final AtomicInteger tcpQuestions = new AtomicInteger();
    /** The ids the questions arrived with. */
    final Map<Integer, Boolean> idsSeen = new ConcurrentHashMap<>();

    FakeUpstream(Map<String, InetAddress> table, Mode mode) throws IOException {
        this.table = Map.copyOf(table);
        this.mode = mode;
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int attempt = 0; t == null; attempt++) {
            u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                t = new ServerSocket(u.getLocalPort(), 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                u.close();
                if (attempt == 20) {
                    throw e;
                }
            }
        }
        udp = u;
        tcp = t;
        Thread.ofVirtual().start(this::serveUdp);
        Thread.ofVirtual().start(this::serveTcp);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort());
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                udp.receive(p);
                udpQuestions.incrementAndGet();
                Message query = new Message(Arrays.copyOf(buffer, p.getLength()));
                Message answer = answer(query);
                if (mode == Mode.TRUNCATE_UDP) {
                    answer.removeAllRecords(Section.ANSWER);
                    answer.getHeader().setFlag(Flags.TC);
                }
                byte[] out = answer.toWire();
                udp.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is not DNS
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                Message query = new Message(in.readNBytes(in.readUnsignedShort()));
                tcpQuestions.incrementAndGet();
                byte[] out = answer(query).toWire();
                DataOutputStream os = new DataOutputStream(s.getOutputStream());
                os.writeShort(out.length);
                os.write(out);
                os.flush();
            } catch (IOException e) {
                // closed, or a client that went away
            }
        }
    }

    private Message answer(Message query) {
        idsSeen.put(query.getHeader().getID(), true);
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        Record q = query.getQuestion();
        reply.addRecord(q, Section.QUESTION);
        if (mode == Mode.SERVFAIL) {
            reply.getHeader().setRcode(Rcode.SERVFAIL);
            return reply;
        }
        InetAddress known = table.get(q.getName().toString(true).toLowerCase(java.util.Locale.ROOT));
        if (known == null) {
            reply.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (q.getType() == Type.A) {
            reply.addRecord(new ARecord(q.getName(), DClass.IN, 30, known), Section.ANSWER);
        }
        return reply;
    }

    static Message question(String name, int type) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }
}
