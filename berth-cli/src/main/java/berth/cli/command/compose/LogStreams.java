package berth.cli.command.compose;

import berth.client.HttpResponse;
import berth.client.MultiplexedStreamReader;
import berth.client.StreamFrame;
import berth.compose.project.ProjectContainer;
import berth.compose.project.ProjectEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads the logs of several containers at once, one virtual thread each, and hands whole lines to a
 * {@link LogPrinter} with the container's prefix ({@code web-1}: the name without the project).
 */
final class LogStreams {
    private final ProjectEngine engine;
    private final String project;
    private final LogPrinter printer;

    LogStreams(ProjectEngine engine, String project, LogPrinter printer) {
        this.engine = engine;
        this.project = project;
        this.printer = printer;
    }

    /** The name shown in front of a container's lines: without the {@code <project>-} prefix. */
    String display(ProjectContainer c) {
        return c.name().startsWith(project + "-") ? c.name().substring(project.length() + 1) : c.name();
    }

    /**
     * Streams every container's log; returns when all streams have ended. {@code onEnd} is told about
     * each container whose stream ended (with {@code follow}: the container stopped).
     */
    void stream(List<ProjectContainer> containers, boolean follow, String tail, boolean timestamps,
            BiConsumer<ProjectContainer, String> onEnd) throws InterruptedException {
        containers.forEach(c -> printer.register(display(c), c.service()));
        List<Thread> threads = new ArrayList<>();
        for (ProjectContainer c : containers) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    one(c, follow, tail, timestamps);
                } catch (IOException | RuntimeException e) {
                    if (onEnd == null) {
                        printer.event(display(c), c.service(), "error reading logs: " + e.getMessage());
                    }
                }
                if (onEnd != null) {
                    onEnd.accept(c, display(c));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private void one(ProjectContainer c, boolean follow, String tail, boolean timestamps) throws IOException {
        boolean tty = engine.inspect(c.id()).path("Config").path("Tty").asBoolean(false);
        String name = display(c);
        try (HttpResponse r = engine.logs(c.id(), follow, tail, timestamps); InputStream in = r.body()) {
            Lines out = new Lines(line -> printer.line(name, c.service(), line));
            if (tty) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.feed(buf, n);
                }
            } else {
                MultiplexedStreamReader mux = new MultiplexedStreamReader(in);
                Lines err = new Lines(line -> printer.line(name, c.service(), line));
                StreamFrame f;
                while ((f = mux.next()) != null) {
                    (f.stream() == StreamFrame.STDERR ? err : out).feed(f.payload(), f.payload().length);
                }
                err.flush();
            }
            out.flush();
        }
    }

    /** Splits a byte stream into lines (a trailing partial line is flushed at the end). */
    private static final class Lines {
        private final java.util.function.Consumer<String> sink;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Lines(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        void feed(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    emit();
                } else {
                    pending.write(b[i]);
                }
            }
        }

        void flush() {
            if (pending.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String s = pending.toString(StandardCharsets.UTF_8);
            if (s.endsWith("\r")) {
                s = s.substring(0, s.length() - 1);
            }
            sink.accept(s);
            pending.reset();
        }
    }
}
