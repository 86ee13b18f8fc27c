package berth.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A UDP resolver on the host for one test: A records from a table, NXDOMAIN for the rest. */
final class TinyDns implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, InetAddress> table;

    TinyDns(InetSocketAddress at, Map<String, InetAddress> table) throws IOException {
        this.socket = new DatagramSocket(at);
        this.table = Map.copyOf(table);
        Thread.ofVirtual().start(this::serve);
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Message q = new Message(Arrays.copyOf(buf, p.getLength()));
                Message a = new Message(q.getHeader().getID());
                a.getHeader().setFlag(Flags.QR);
                a.addRecord(q.getQuestion(), Section.QUESTION);
                InetAddress ip = table.get(q.getQuestion().getName().toString(true).toLowerCase(java.util.Locale.ROOT));
                if (ip != null && q.getQuestion().getType() == Type.A) {
                    a.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60, ip), Section.ANSWER);
                } else if (ip == null) {
                    a.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] out = a.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is not DNS: keep serving until closed
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
