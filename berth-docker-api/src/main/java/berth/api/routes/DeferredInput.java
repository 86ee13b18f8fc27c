package berth.api.routes;

import berth.api.http.Exchange;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A hijacked client's input that is held until the stream it feeds exists: the connection is
 * hijacked (the 101 written) before the process starts, as dockerd does, so what the client sends
 * meanwhile waits here, in order, and the client's EOF with it.
 */
final class DeferredInput implements Exchange.RawInput {
    private final List<ByteBuf> early = new ArrayList<>();
    private boolean eof; // guarded by this
    private Exchange.RawInput target; // guarded by this

    @Override
    public void data(ByteBuf bytes) {
        Exchange.RawInput t;
        synchronized (this) {
            t = target;
            if (t == null) {
                early.add(bytes);
                return;
            }
        }
        t.data(bytes);
    }

    @Override
    public void eof() {
        Exchange.RawInput t;
        synchronized (this) {
            t = target;
            if (t == null) {
                eof = true;
                return;
            }
        }
        t.eof();
    }

    /** Hands what came so far, then everything that follows, to {@code t}. */
    synchronized void attach(Exchange.RawInput t) {
        early.forEach(t::data);
        early.clear();
        if (eof) {
            t.eof();
        }
        target = t;
    }
}
