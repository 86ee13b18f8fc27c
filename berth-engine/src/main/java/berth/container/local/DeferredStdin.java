package berth.container.local;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A container's stdin as an attach client sees it: usable before the container has started
 * ({@code docker run -i} attaches first). The first write blocks until the process runs and the
 * runtime's stdin is open. Closing means EOF for the process; when nothing was written yet, the
 * open-then-close happens on a virtual thread so a client that leaves early never blocks on it.
 */
final class DeferredStdin extends OutputStream {
    interface Opener {
        OutputStream open() throws IOException;
    }

    private final Opener opener;
    private OutputStream target;
    private boolean closed;

    DeferredStdin(Opener opener) {
        this.opener = opener;
    }

    private synchronized OutputStream target() throws IOException {
        if (closed) {
            throw new IOException("stdin is closed");
        }
        if (target == null) {
            try {
                target = opener.open();
            } catch (RuntimeException e) {
                throw new IOException("cannot open the container's stdin: " + e.getMessage(), e);
            }
        }
        return target;
    }

    @Override
    public void write(int b) throws IOException {
        target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        target().write(b, off, len);
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (target != null) {
            target.close();
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                opener.open().close();
            } catch (IOException | RuntimeException ignored) {
                // the container never started or is gone: nothing to close
            }
        });
    }
}
