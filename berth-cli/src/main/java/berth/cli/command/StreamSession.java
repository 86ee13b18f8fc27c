package berth.cli.command;

import berth.cli.RawTerminal;
import berth.cli.Signals;
import berth.cli.Streams;
import berth.client.HijackedStream;
import berth.client.MultiplexedStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The terminal side of an attach or exec session, as the docker CLI's hijack handling: with a TTY
 * and a terminal on stdin, the terminal goes raw for the session and the window size is sent at the
 * start and on every SIGWINCH; stdin is copied to the container (the detach keys, when seen, end
 * the session instead); output is copied raw with a TTY and demultiplexed without.
 */
public final class StreamSession {
    public record Options(boolean tty, boolean stdin, DetachKeys detachKeys) {}

    private volatile boolean detached;

    /**
     * Runs the session to its end. {@code resize} gets (rows, columns); it is called only with a
     * TTY. Returns true when the user detached (the container keeps running).
     */
    public boolean run(HijackedStream session, Options o, BiConsumer<Integer, Integer> resize) throws IOException {
        Optional<RawTerminal> raw = o.tty() && o.stdin() ? RawTerminal.enter() : Optional.empty();
        try {
            if (o.tty()) {
                sendSize(resize);
                Signals.on("WINCH", () -> sendSize(resize));
            }
            if (o.stdin()) {
                forwardStdin(session, o.tty() ? o.detachKeys() : null);
            } else {
                session.closeWrite(); // no stdin: tell the daemon at once, as the docker CLI does
            }
            try {
                copyOutput(session.input(), o.tty());
            } catch (IOException e) {
                if (!detached) {
                    throw e;
                }
            }
        } finally {
            raw.ifPresent(RawTerminal::close);
        }
        if (detached) {
            Streams.ERR.println("read escape sequence"); // what docker prints after ctrl-p ctrl-q
        }
        return detached;
    }

    private static void sendSize(BiConsumer<Integer, Integer> resize) {
        RawTerminal.size().ifPresent(rc -> {
            try {
                resize.accept(rc[0], rc[1]);
            } catch (RuntimeException e) {
                // a resize the daemon refuses (the process just exited) is not worth failing for, as docker
            }
        });
    }

    private void forwardStdin(HijackedStream session, DetachKeys keys) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            OutputStream out = session.output();
            DetachKeys.Matcher matcher = keys == null ? null : new DetachKeys.Matcher(keys);
            try {
                int n;
                while ((n = Streams.IN.read(buf)) > 0) {
                    if (matcher != null) {
                        byte[] pass = matcher.feed(buf, n);
                        if (pass == null) {
                            detached = true;
                            session.close(); // ends the output copy; the container keeps running
                            return;
                        }
                        out.write(pass);
                    } else {
                        out.write(buf, 0, n);
                    }
                    out.flush();
                }
                session.closeWrite();
            } catch (IOException e) {
                // the session ended first (container exited); nothing more to forward
            }
        }, "stdin-forwarder");
        t.setDaemon(true);
        t.start();
    }

    static void copyOutput(InputStream in, boolean tty) throws IOException {
        if (tty) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                Streams.OUT.write(buf, 0, n);
                Streams.OUT.flush();
            }
        } else {
            new MultiplexedStreamReader(in).copyTo(Streams.OUT, Streams.ERR);
        }
    }
}
