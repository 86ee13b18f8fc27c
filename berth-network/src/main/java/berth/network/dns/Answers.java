package berth.network.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
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
 * The answers the embedded DNS makes itself, shaped as Docker's: the question echoed, RD and CD copied,
 * RA set, AA not set (Docker's resolver does not claim authority), A records with a TTL of 600.
 */
final class Answers {
    /** Docker's TTL for the names it knows. */
    static final long TTL_SECONDS = 600;

    private Answers() {}

    /** The form {@link berth.network.ContainerDns.Names} looks names up in: lower case, no trailing dot. */
    static String lookupName(Name name) {
        String s = name.toString(true);
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * The answer for a name the daemon knows: its IPv4 addresses, in the given order, for an A question;
     * NOERROR without answers for any other type (the name exists but has no such records; IPv4 only).
     */
    static Message forKnownName(Message query, List<InetAddress> addresses) {
        Message reply = replyTo(query, Rcode.NOERROR);
        Record question = query.getQuestion();
        if (question.getType() == Type.A) {
            for (InetAddress address : addresses) {
                if (address instanceof Inet4Address) {
                    reply.addRecord(new ARecord(question.getName(), DClass.IN, TTL_SECONDS, address), Section.ANSWER);
                }
            }
        }
        return reply;
    }

    /** No upstream answered. */
    static Message serverFailure(Message query) {
        return replyTo(query, Rcode.SERVFAIL);
    }

    /** Anything but a standard query (NOTIFY, UPDATE, ...) is not for a stub resolver's server. */
    static Message notImplemented(Message query) {
        return replyTo(query, Rcode.NOTIMP);
    }

    /**
     * The wire form, at most {@code limit} bytes: records that do not fit are left out and the TC flag
     * tells the client to ask again over TCP.
     */
    static byte[] toWire(Message reply, int limit) {
        return reply.toWire(limit);
    }

    private static Message replyTo(Message query, int rcode) {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setOpcode(query.getHeader().getOpcode());
        reply.getHeader().setFlag(Flags.QR);
        reply.getHeader().setFlag(Flags.RA);
        for (int copied : new int[] {Flags.RD, Flags.CD}) {
            if (query.getHeader().getFlag(copied)) {
                reply.getHeader().setFlag(copied);
            }
        }
        reply.getHeader().setRcode(rcode);
        Record question = query.getQuestion();
        if (question != null) {
            reply.addRecord(question, Section.QUESTION);
        }
        return reply;
    }
}
