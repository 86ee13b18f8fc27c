package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Json;
import berth.api.wire.BuildDtos;
import berth.build.BuildOutput;
import berth.content.Digest;
import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A build's progress as dockerd streams it: one JSON object per line, each ended by {@code \r\n} (the
 * framing of dockerd's streamformatter), sent as it comes. With {@code q=1} the lines are held back, as
 * dockerd holds them: on success only {@code {"stream":"sha256:…\n"}} goes out, on failure what was held and
 * then the error, so the user sees which step failed. The builder calls it on the request's thread; the
 * methods are synchronized all the same, since RUN output may be pumped from another.
 *
 * <p>Once the client has gone, output is dropped and the builder is told ({@link #onCancel}): as dockerd, it
 * kills the running step, removes its container and stops.
 */
final class BuildStream implements BuildOutput {
    private static final byte[] CRLF = {'\r', '\n'};
    /** q=1 keeps at most this much of the output to show on failure (dockerd keeps all; a RUN may print a lot). */
    private static final long QUIET_HELD_MAX = 4 << 20;
    private static final Pattern EXIT_CODE = Pattern.compile("returned a non-zero code: (\\d+)\\s*$");

    private final Exchange.ChunkedResponse out;
    private final boolean aux;
    private final boolean quiet;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();
    private long heldBytes;
    private volatile boolean clientGone;
    private volatile Runnable cancel = () -> { };

    /**
     * @param aux   send {@code {"aux":{"ID":…}}} (API 1.30 and later)
     * @param quiet {@code q=1}
     */
    BuildStream(Exchange.ChunkedResponse out, boolean aux, boolean quiet) {
        this.out = out;
        this.aux = aux;
        this.quiet = quiet;
    }

    @Override
    public synchronized void stream(String text) {
        if (!text.isEmpty()) {
            emit(line(new BuildDtos.StreamLine(text)));
        }
    }

    @Override
    public synchronized void imageId(Digest id) {
        if (aux) {
            emit(line(new BuildDtos.AuxLine(new BuildDtos.ImageId(id.toString()))));
        }
    }

    @Override
    public void onCancel(Runnable action) {
        cancel = action;
        if (clientGone) {
            action.run();
        }
    }

    /** The client disconnected: nothing more is sent, and the build is cancelled. */
    void clientGone() {
        clientGone = true;
        cancel.run();
    }

    /** Ends the stream of a build that succeeded. */
    synchronized void succeeded(Digest id) {
        if (quiet) {
            out.write(line(new BuildDtos.StreamLine(id + "\n")));
        }
        out.end();
    }

    /**
     * Ends the stream of a failed build with dockerd's error line. Returns false when nothing has been sent
     * (and nothing is held): the failure is then better told as a plain HTTP error, as dockerd does.
     */
    synchronized boolean failed(String message) {
        while (!held.isEmpty()) {
            out.write(held.removeFirst());
        }
        if (!out.headersSent()) {
            return false;
        }
        out.write(line(BuildDtos.ErrorLine.of(exitCode(message), message)));
        out.end();
        return true;
    }

    /** A failed RUN's exit status, which the docker CLI exits with; 0 (left out of the JSON) otherwise. */
    static int exitCode(String message) {
        Matcher m = EXIT_CODE.matcher(message == null ? "" : message);
        if (m.find()) {
            try {
                return Integer.parseInt(m.group(1));
            } catch (NumberFormatException tooBig) {
                return 0;
            }
        }
        return 0;
    }

    private void emit(byte[] line) {
        if (clientGone) {
            return;
        }
        if (!quiet) {
            try {
                out.write(line);
            } catch (berth.api.http.ClientDisconnected gone) {
                clientGone();
            }
            return;
        }
        held.addLast(line);
        heldBytes += line.length;
        while (heldBytes > QUIET_HELD_MAX && held.size() > 1) {
            heldBytes -= held.removeFirst().length;
        }
    }

    static byte[] line(Object value) {
        byte[] json = Json.bytes(value);
        byte[] line = java.util.Arrays.copyOf(json, json.length + CRLF.length);
        System.arraycopy(CRLF, 0, line, json.length, CRLF.length);
        return line;
    }
}
