package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Filters;
import berth.api.http.Router;
import berth.api.wire.EventDtos;
import berth.api.wire.Times;
import berth.errors.BerthException;
import berth.events.Event;
import berth.events.EventFilter;
import berth.events.EventLog;
import java.time.Instant;
import java.util.Optional;

/** {@code GET /events}: the kept events from {@code since}, then live ones until {@code until} or the client leaves. */
public final class EventRoutes {
    private final EventLog events;

    public EventRoutes(EventLog events) {
        this.events = events;
    }

    public void register(Router r) {
        r.add("GET", "/events", this::stream);
    }

    private void stream(Exchange ex) throws Exception {
        Optional<Instant> since = time(ex, "since");
        Optional<Instant> until = time(ex, "until");
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw BerthException.invalid("`since` time (" + ex.query().get("since").orElse("") + ") cannot be after `until` time ("
                    + ex.query().get("until").orElse("") + ")");
        }
        EventFilter filter = new EventFilter(Filters.parse(ex.query().get("filters").orElse(null)).byName());
        try (EventLog.Subscription sub = events.subscribe(since, until, filter)) {
            ex.closeOnDisconnect(sub);
            var out = ex.startChunked(200, "application/json", true, false);
            Optional<Event> next;
            while ((next = sub.next()).isPresent()) {
                out.writeJsonLine(EventDtos.of(next.get()));
            }
            out.end();
        }
    }

    private static Optional<Instant> time(Exchange ex, String key) {
        Optional<String> raw = ex.query().nonBlank(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Times.parseUnixOrRfc3339(raw.get()));
        } catch (RuntimeException e) {
            throw BerthException.invalid("invalid value for " + key + ": \"" + raw.get()
                    + "\" (expected unix seconds or an RFC3339 time)");
        }
    }
}
