package berth.network.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Asks the host's resolvers the questions the daemon cannot answer, from the daemon's own network
 * namespace (the calling thread's), as Docker's resolver does: each upstream in turn, over the
 * transport the question came by, until one answers with anything but SERVFAIL or REFUSED. The
 * client's message goes out as it came, under a fresh random id, and the answer goes back verbatim
 * under the client's id.
 *
 * <p>A truncated UDP answer is asked again over TCP and used when it fits the client's limit; when it
 * does not, the truncated answer goes to the client, which then asks again over TCP itself.
 */
final class Forwarder {
    /** Docker's time limit for each exchange with an upstream. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);
    private static final int MAX_MESSAGE = 65535;

    private final Supplier<List<InetSocketAddress>> upstreams;
    private final int timeoutMillis;
    private final SecureRandom ids = new SecureRandom();

    Forwarder(Supplier<List<InetSocketAddress>> upstreams, Duration timeout) {
        this.upstreams = Objects.requireNonNull(upstreams);
        this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
    }

    /**
     * The first usable upstream answer to {@code query} (whose wire form is {@code wire}), or empty
     * when there is no upstream or none gave one.
     */
    Optional<byte[]> forward(Message query, byte[] wire, Transport transport, int replyLimit) {
        for (InetSocketAddress upstream : upstreams.get()) {
            Optional<byte[]> answer = ask(upstream, query, wire, transport, replyLimit);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> ask(InetSocketAddress upstream, Message query, byte[] wire, Transport transport,
            int replyLimit) {
        int id = ids.nextInt(1 << 16);
        byte[] out = withId(wire, id);
        Optional<Answer> answer = exchange(upstream, query, out, id, transport);
        if (answer.isPresent() && transport == Transport.UDP && answer.get().truncated()) {
            Optional<Answer> overTcp = exchange(upstream, query, out, id, Transport.TCP);
            if (overTcp.isPresent() && overTcp.get().wire().length <= replyLimit) {
                answer = overTcp;
            }
        }
        return answer.filter(Answer::usable).map(a -> withId(a.wire(), query.getHeader().getID()));
    }

    /** An upstream's answer: its wire form and what it says. */
    private record Answer(byte[] wire, Message message) {
        boolean truncated() {
            return message.getHeader().getFlag(Flags.TC);
        }

        /** SERVFAIL and REFUSED may be one server's trouble: the next one is asked (as Docker does). */
        boolean usable() {
            int rcode = message.getRcode();
            return rcode != Rcode.SERVFAIL && rcode != Rcode.REFUSED;
        }
    }

    private Optional<Answer> exchange(InetSocketAddress upstream, Message query, byte[] out, int id, Transport transport) {
        try {
            byte[] in = transport == Transport.TCP ? overTcp(upstream, out) : overUdp(upstream, out, id);
            Message answer = new Message(in);
            return matches(answer, query, id) ? Optional.of(new Answer(in, answer)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // unreachable, timed out, closed, or not DNS: the next upstream is asked
            return Optional.empty();
        }
    }

    /** The answer is to this question (a server may leave the question out of an error answer). */
    private static boolean matches(Message answer, Message query, int id) {
        Record question = answer.getQuestion();
        return answer.getHeader().getID() == id && answer.getHeader().getFlag(Flags.QR)
                && (question == null || question.equals(query.getQuestion()));
    }

    private byte[] overUdp(InetSocketAddress upstream, byte[] out, int id) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(upstream); // only the upstream's datagrams are received; ICMP errors fail fast
            socket.send(new DatagramPacket(out, out.length));
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            byte[] buffer = new byte[MAX_MESSAGE];
            while (true) {
                int left = (int) Math.ceil((deadline - System.nanoTime()) / 1e6);
                if (left <= 0) {
                    throw new SocketTimeoutException("no answer from " + upstream);
                }
                socket.setSoTimeout(left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                // a late answer to an earlier question of this port's previous user is skipped
                if (packet.getLength() >= 2 && idOf(buffer) == id) {
                    return Arrays.copyOf(buffer, packet.getLength());
                }
            }
        }
    }

    private byte[] overTcp(InetSocketAddress upstream, byte[] out) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(upstream, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream os = new DataOutputStream(socket.getOutputStream());
            os.writeShort(out.length);
            os.write(out);
            os.flush();
            DataInputStream is = new DataInputStream(socket.getInputStream());
            int length = is.readUnsignedShort();
            return is.readNBytes(length);
        }
    }

    private static int idOf(byte[] message) {
        return ((message[0] & 0xff) << 8) | (message[1] & 0xff);
    }

    private static byte[] withId(byte[] message, int id) {
        byte[] copy = message.clone();
        copy[0] = (byte) (id >> 8);
        copy[1] = (byte) id;
        return copy;
    }
}
