package berth.cli.command.compose;

import berth.cli.RawTerminal;
import berth.cli.Streams;
import berth.client.HijackedStream;
import berth.client.MultiplexedStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** Copies a hijacked exec/attach stream to the terminal, and stdin to it when interactive. */
final class Session {
    private Session() {}

    static void run(HijackedStream session, boolean tty, boolean stdin) throws IOException {
        Optional<RawTerminal> raw = tty && stdin ? RawTerminal.enter() : Optional.empty();
        try {
            if (stdin) {
                Thread t = new Thread(() -> {
                    byte[] buf = new byte[8192];
                    OutputStream out = session.output();
                    try {
                        int n;
                        while ((n = Streams.IN.read(buf)) > 0) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                        session.closeWrite();
                    } catch (IOException e) {
                        // the session ended first; nothing more to forward
                    }
                }, "stdin-forwarder");
                t.setDaemon(true);
                t.start();
            } else {
                session.closeWrite();
            }
            InputStream in = session.input();
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
        } finally {
            raw.ifPresent(RawTerminal::close);
        }
    }
}
