package berth.api.routes;

import berth.api.http.Exchange;
import berth.container.Attachment;
import berth.container.DetachKeys;
import berth.errors.BerthException;
import java.nio.charset.StandardCharsets;

/**
 * Serves a live {@link Attachment} over a hijacked connection, for container attach and exec
 * start alike: the client's bytes go to the attachment's stdin (dropped when it has none), its
 * half-close closes that stdin, and the output goes back framed until it ends, then the connection
 * closes. A client that goes away closes the attachment.
 *
 * <p>With a TTY the output is raw, and stdin is watched for the detach keys: they, or the client's
 * EOF, end the session and leave the process running (Docker's rule for TTY attaches).
 *
 * @param stdout send the stdout entries
 * @param stderr send the stderr entries
 * @param tty    raw bytes instead of multiplexed frames
 * @param detachKeys the sequence that detaches a TTY client
 */
record HijackSession(boolean stdout, boolean stderr, boolean tty, DetachKeys detachKeys) {

    HijackSession(boolean stdout, boolean stderr, boolean tty) {
        this(stdout, stderr, tty, DetachKeys.DEFAULT);
    }

    /** Takes ownership of {@code attachment}: it is closed when the session ends. */
    void serve(Exchange ex, Attachment attachment) throws Exception {
        serve(ex, () -> attachment);
    }

    /**
     * Hijacks the connection first and only then opens the attachment (starts the process), as
     * dockerd does: a client that reads the 101 through a buffered reader and then switches to the
     * raw socket (docker-py) would otherwise lose output that arrived with the headers. A failure to
     * open is written into the stream, as dockerd writes it, since the status line is already out.
     */
    void serve(Exchange ex, Opener opener) throws Exception {
        DeferredInput input = new DeferredInput();
        var raw = ex.hijack(StreamOutput.contentType(ex, tty), input);
        try {
            Attachment attachment;
            try {
                attachment = opener.open();
            } catch (BerthException e) {
                input.attach(StdinPump.discard());
                raw.write((e.getMessage() + "\r\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            try (attachment) {
                ex.closeOnDisconnect(attachment);
                input.attach(attachment.stdin().<Exchange.RawInput>map(in -> tty
                        ? StdinPump.startTty(in, detachKeys, attachment.output()::close)
                        : StdinPump.start(in)).orElseGet(StdinPump::discard));
                StreamOutput.copy(attachment.output(), stdout, stderr, tty, false, raw::write);
            }
        } finally {
            raw.close();
        }
    }

    /** Starts what the session serves. */
    @FunctionalInterface
    interface Opener {
        Attachment open();
    }
}
