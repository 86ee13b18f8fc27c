package berth.runtime.runc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Stands in for conmon's logging: appends k8s-file lines to a log and, for each "2 0 0" line in a real
 * ctl FIFO, reopens the log as conmon does (a new {@code <log>.tmp} renamed over the log). Requests are
 * taken from the FIFO by a helper thread but carried out by the writing thread between writes, so, as in
 * single-threaded conmon, no byte goes to the old file after the new one is in place.
 */
final class FakeConmon implements AutoCloseable {
    private static final String STOP = "9 0 0\n";

    private final Path log;
    private final Path fifo;
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final Thread fifoReader;
    private FileChannel out;
    private int reopens;

    FakeConmon(Path log, Path fifo) throws IOException, InterruptedException {
        this.log = log;
        this.fifo = fifo;
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mk.waitFor() != 0) {
            throw new IOException("mkfifo " + fifo + " failed");
        }
        out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        // opened here, before any reader can ask, as conmon opens its FIFO before the container starts: a
        // request written while nobody holds the FIFO open is discarded with the pipe
        FileChannel ctl = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE);
        fifoReader = Thread.ofPlatform().name("fake-conmon-ctl").start(() -> readControl(ctl));
    }

    private void readControl(FileChannel control) {
        // read-write, as conmon keeps a writer open itself: reads block instead of seeing end-of-file
        try (FileChannel ctl = control) {
            StringBuilder line = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(256);
            while (true) {
                buf.clear();
                int n = ctl.read(buf);
                for (int i = 0; i < n; i++) {
                    char c = (char) buf.get(i);
                    line.append(c);
                    if (c == '\n') {
                        if (line.toString().equals(STOP)) {
                            return;
                        }
                        requests.add(line.toString());
                        line.setLength(0);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String line(String stream, String text) {
        return "2026-12-04T20:47:49.123456789+00:00 " + stream + " F " + text + "\n";
    }

    /** Writes {@code lines} in one write (conmon writes one read's worth of output at once). */
    void write(String lines) throws IOException {
        reopenAsRequested();
        writeBeforeRequests(lines);
    }

    /** Blocks until a reader asks for a reopen, then reopens. */
    void awaitReopenRequest() throws IOException, InterruptedException {
        reopen(requests.take());
    }

    /** Reopens if a reader asks within {@code timeout}; false when none asked. */
    boolean reopenIfRequestedWithin(java.time.Duration timeout) throws IOException, InterruptedException {
        String r = requests.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (r == null) {
            return false;
        }
        reopen(r);
        return true;
    }

    /** Appends to the file conmon writes now without first carrying out pending requests. */
    void writeBeforeRequests(String lines) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    private void reopenAsRequested() throws IOException {
        String r;
        while ((r = requests.poll()) != null) {
            reopen(r);
        }
    }

    private void reopen(String request) throws IOException {
        if (!request.equals("2 0 0\n")) {
            throw new IllegalStateException("unexpected control message " + request);
        }
        out.close();
        Path tmp = log.resolveSibling(log.getFileName() + ".tmp");
        out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, log, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        reopens++;
    }

    /** Reopens now, as after a request (for tests that rotate without a spool reader). */
    void reopenNow() throws IOException {
        reopen("2 0 0\n");
    }

    int reopens() {
        return reopens;
    }

    /** Stops taking requests and removes the FIFO, as an exiting conmon leaves no one to reopen the log. */
    @Override
    public void close() throws IOException {
        try (FileChannel ctl = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ctl.write(ByteBuffer.wrap(STOP.getBytes(StandardCharsets.US_ASCII)));
        }
        try {
            fifoReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the fake conmon", e);
        }
        Files.deleteIfExists(fifo);
        out.close();
    }
}
