package berth.api.routes;

import berth.api.http.Exchange;
import berth.container.Attachment;
import berth.container.DetachKeys;

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
        try (attachment) {
            ex.closeOnDisconnect(attachment);
            Exchange.RawInput input = attachment.stdin().<Exchange.RawInput>map(in -> tty
                    ? StdinPump.startTty(in, detachKeys, attachment.output()::close)
                    : StdinPump.start(in)).orElseGet(StdinPump::discard);
            var raw = ex.hijack(StreamOutput.contentType(ex, tty), input);
            try {
                StreamOutput.copy(attachment.output(), stdout, stderr, tty, false, raw::write);
            } finally {
                raw.close();
            }
        }
    }
}
