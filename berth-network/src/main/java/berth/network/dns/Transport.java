package berth.network.dns;

import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/** How a question arrived, which decides how large the answer may be. */
enum Transport {
    UDP,
    TCP;

    /** RFC 1035's limit for a UDP answer to a client that does not say it takes more (EDNS). */
    static final int CLASSIC_UDP_LIMIT = 512;
    /** A TCP answer carries a 16-bit length. */
    static final int TCP_LIMIT = 65535;

    /** The largest answer this client takes: 512 bytes over UDP unless its EDNS record offers more. */
    int replyLimit(Message query) {
        if (this == TCP) {
            return TCP_LIMIT;
        }
        OPTRecord opt = query.getOPT();
        return opt == null ? CLASSIC_UDP_LIMIT : Math.min(Math.max(opt.getPayloadSize(), CLASSIC_UDP_LIMIT), TCP_LIMIT);
    }
}
