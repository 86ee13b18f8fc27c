package berth.cli.command.compose;

import berth.client.HttpResponse;
import berth.client.JsonMessageReader;
import berth.client.MultiplexedStreamReader;
import berth.client.StreamFrame;
import berth.compose.project.ProjectContainer;
import berth.compose.project.ProjectEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Reads the logs of several containers at once, one virtual thread each, and hands whole lines to a
 * {@link LogPrinter} with the container's prefix ({@code web-1}: the name without the project).
 */
final class LogStreams {
    private final ProjectEngine engine;
    private final String project;
    private final LogPrinter printer;
    // follow's state: the containers streamed now, those streamed before, restarts to resume at, open streams
    private final Set<String> streaming = ConcurrentHashMap.newKeySet();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, String> restarted = new HashMap<>();
    private final Phaser active = new Phaser(1);

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

    /**
     * Follows the containers' logs and those of the project's containers that start meanwhile (more
     * replicas, a restart, an up elsewhere), as Compose v2 does; a restarted container's stream resumes
     * where its last run died. Returns once no stream is left.
     */
    void follow(List<ProjectContainer> containers, String tail, boolean timestamps, Predicate<ProjectContainer> wanted)
            throws InterruptedException {
        // watched before the first stream opens, so no start in between is missed
        Map<String, String> died = new HashMap<>();
        try (HttpResponse events = engine.containerStartsAndDeaths(project)) {
            Thread watcher = Thread.ofVirtual().start(() -> {
                try (JsonMessageReader reader = new JsonMessageReader(events.body())) {
                    JsonNode e;
                    while ((e = reader.next()) != null) {
                        String id = e.path("Actor").path("ID").asText(e.path("id").asText(""));
                        long nanos = e.path("timeNano").asLong(0);
                        String at = String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
                        if ("die".equals(e.path("Action").asText(e.path("status").asText("")))) {
                            died.put(id, at); // a new run's lines come after this; its first may precede its start event
                            continue;
                        }
                        String since = died.getOrDefault(id, at);
                        synchronized (restarted) {
                            if (streaming.contains(id)) {
                                // a restart whose stop the old stream has not seen the end of yet: it resumes once it has
                                restarted.put(id, since);
                                continue;
                            }
                        }
                        engine.containers(project, true, Optional.of(false)).stream()
                                .filter(c -> c.id().equals(id) && wanted.test(c)).findFirst()
                                .ifPresent(c -> launch(c, "all", seen.contains(id) ? since : null, timestamps));
                    }
                } catch (IOException | RuntimeException e) {
                    // the stream was closed: every log stream had ended
                }
            });
            for (ProjectContainer c : containers) {
                launch(c, tail, null, timestamps);
            }
            active.arriveAndAwaitAdvance();
            events.close();
            watcher.join();
        }
    }

    private void launch(ProjectContainer c, String tail, String since, boolean timestamps) {
        if (!streaming.add(c.id())) {
            return;
        }
        seen.add(c.id());
        printer.register(display(c), c.service());
        active.register();
        Thread.ofVirtual().start(() -> {
            try {
                one(c, true, tail, timestamps, since);
            } catch (IOException | RuntimeException e) {
                printer.event(display(c), c.service(), "error reading logs: " + e.getMessage());
            } finally {
                String resumeAt;
                synchronized (restarted) {
                    streaming.remove(c.id());
                    resumeAt = restarted.remove(c.id());
                }
                if (resumeAt != null) {
                    launch(c, "all", resumeAt, timestamps); // registered before this one leaves: follow goes on
                }
                active.arriveAndDeregister();
            }
        });
    }

    private void one(ProjectContainer c, boolean follow, String tail, boolean timestamps) throws IOException {
        one(c, follow, tail, timestamps, null);
    }

    private void one(ProjectContainer c, boolean follow, String tail, boolean timestamps, String since) throws IOException {
        boolean tty = engine.inspect(c.id()).path("Config").path("Tty").asBoolean(false);
        String name = display(c);
        try (HttpResponse r = engine.logs(c.id(), follow, tail, timestamps, since); InputStream in = r.body()) {
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
