package berth.network.dns;

import berth.network.ContainerDns;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;

/**
 * One container's questions, answered: names the daemon knows from {@link ContainerDns.Names}, every
 * other question through the {@link Forwarder}, SERVFAIL when no upstream answers. Packets that are
 * not a DNS question get no answer at all.
 */
final class QueryHandler {
    private static final System.Logger LOG = System.getLogger(QueryHandler.class.getName());

    private final String containerId;
    private final ContainerDns.Names names;
    private final Forwarder forwarder;

    QueryHandler(String containerId, ContainerDns.Names names, Forwarder forwarder) {
        this.containerId = containerId;
        this.names = names;
        this.forwarder = forwarder;
    }

    /** The answer's wire form; empty for a malformed packet, an answer, or a message without a question. */
    Optional<byte[]> answer(byte[] packet, Transport transport) {
        Message query;
        try {
            query = new Message(packet);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Record question = query.getQuestion();
        if (question == null || query.getHeader().getFlag(Flags.QR)) {
            return Optional.empty();
        }
        int limit = transport.replyLimit(query);
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            return Optional.of(Answers.toWire(Answers.notImplemented(query), limit));
        }
        if (question.getDClass() == DClass.IN) {
            List<InetAddress> known;
            try {
                known = names.lookup(containerId, Answers.lookupName(question.getName()));
            } catch (RuntimeException e) {
                // the daemon's own trouble: the client hears it at once instead of waiting for a timeout
                LOG.log(System.Logger.Level.WARNING, "embedded DNS of container " + containerId
                        + " could not look up " + question.getName(), e);
                return Optional.of(Answers.toWire(Answers.serverFailure(query), limit));
            }
            if (!known.isEmpty()) {
                return Optional.of(Answers.toWire(Answers.forKnownName(query, known), limit));
            }
        }
        return Optional.of(forwarder.forward(query, packet, transport, limit)
                .orElseGet(() -> Answers.toWire(Answers.serverFailure(query), limit)));
    }
}
