package berth.events;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's event bus: keeps the newest {@value #KEPT} events for {@code since} queries (as
 * dockerd does, in memory only) and hands new ones to live subscribers. A slow subscriber gets its
 * own unbounded queue, so publishing never waits for a client.
 */
public final class EventLog implements EventSink {
    static final int KEPT = 1024;

    private final ArrayDeque<Event> recent = new ArrayDeque<>();
    private final List<Subscription> live = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Event event) {
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(event);
            // Offered under the same lock as the history, so a subscriber never misses or repeats one.
            for (Subscription s : live) {
                s.offer(event);
            }
        }
    }

    /**
     * Subscribes: the kept events from {@code since} on (none when since is empty), then live ones,
     * until {@code until} or close.
     */
    public Subscription subscribe(Optional<Instant> since, Optional<Instant> until, EventFilter filter) {
        Subscription s = new Subscription(filter, until);
        synchronized (recent) {
            if (since.isPresent()) {
                for (Event e : recent) {
                    if (!e.time().isBefore(since.get())) {
                        s.offer(e);
                    }
                }
            }
            if (until.isEmpty() || until.get().isAfter(Instant.now())) {
                live.add(s);
            } else {
                s.finished = true;
            }
        }
        return s;
    }

    /** How many subscribers are listening now (/info's {@code NEventsListener}). */
    public int listeners() {
        return live.size();
    }

    /** A client's view: {@link #next} blocks until an event, the until time or close. */
    public final class Subscription implements AutoCloseable {
        private final EventFilter filter;
        private final Optional<Instant> until;
        private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
        private volatile boolean closed;
        private volatile boolean finished;

        private Subscription(EventFilter filter, Optional<Instant> until) {
            this.filter = filter;
            this.until = until;
        }

        private void offer(Event e) {
            if (filter.matches(e) && until.map(u -> !e.time().isAfter(u)).orElse(true)) {
                queue.add(e);
            }
        }

        /** The next event; empty once the subscription has ended (until reached, or closed). */
        public Optional<Event> next() throws InterruptedException {
            while (true) {
                Event e = queue.poll();
                if (e != null) {
                    return Optional.of(e);
                }
                if (closed || finished) {
                    return Optional.empty();
                }
                long waitMillis = until.map(u -> u.toEpochMilli() - System.currentTimeMillis()).orElse(1000L);
                if (until.isPresent() && waitMillis <= 0) {
                    return Optional.ofNullable(queue.poll());
                }
                e = queue.poll(Math.min(waitMillis, 1000L), TimeUnit.MILLISECONDS);
                if (e != null) {
                    return Optional.of(e);
                }
            }
        }

        /** Events already waiting, without blocking (for tests and for draining). */
        public List<Event> drain() {
            List<Event> out = new ArrayList<>();
            queue.drainTo(out);
            return out;
        }

        @Override
        public void close() {
            closed = true;
            live.remove(this);
        }
    }
}
