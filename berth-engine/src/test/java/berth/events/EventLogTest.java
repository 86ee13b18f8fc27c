package berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private static Event container(String action, String id, String name, Instant t) {
        return new Event("container", action, id, Map.of("name", name, "image", "busybox", "tier", "web"), t);
    }

    @Test
    void subscribe_sinceReplaysKeptEventsThenDeliversLiveOnes() throws Exception {
        EventLog log = new EventLog();
        Instant t0 = Instant.now().minusSeconds(10);
        log.publish(container("create", "aaa", "one", t0));
        log.publish(container("start", "aaa", "one", t0.plusSeconds(5)));
        try (EventLog.Subscription s = log.subscribe(Optional.of(t0.plusSeconds(1)), Optional.empty(), EventFilter.none())) {
            assertThat(s.next()).map(Event::action).contains("start");
            log.publish(container("die", "aaa", "one", Instant.now()));
            assertThat(s.next()).map(Event::action).contains("die");
        }
    }

    @Test
    void subscribe_untilInThePastEndsAfterTheKeptEvents() throws Exception {
        EventLog log = new EventLog();
        Instant t0 = Instant.now().minusSeconds(10);
        log.publish(container("create", "aaa", "one", t0));
        log.publish(container("start", "aaa", "one", t0.plusSeconds(5)));
        EventLog.Subscription s = log.subscribe(Optional.of(t0), Optional.of(t0.plusSeconds(2)), EventFilter.none());
        assertThat(s.next()).map(Event::action).contains("create");
        assertThat(s.next()).isEmpty();
    }

    @Test
    void close_endsABlockedSubscriber() throws Exception {
        EventLog log = new EventLog();
        EventLog.Subscription s = log.subscribe(Optional.empty(), Optional.empty(), EventFilter.none());
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException ignored) {
                // test thread
            }
            s.close();
        });
        assertThat(s.next()).isEmpty();
        closer.join();
    }

    @Test
    void publish_keepsOnlyTheNewestEvents() {
        EventLog log = new EventLog();
        Instant t = Instant.now().minusSeconds(1);
        for (int i = 0; i < EventLog.KEPT + 10; i++) {
            log.publish(container("start", "id" + i, "n", t));
        }
        EventLog.Subscription s = log.subscribe(Optional.of(Instant.EPOCH), Optional.of(Instant.now()), EventFilter.none());
        List<Event> kept = s.drain();
        assertThat(kept).hasSize(EventLog.KEPT);
        assertThat(kept.getFirst().actorId()).isEqualTo("id10");
    }

    @Test
    void filter_combinesNamesWithAndValuesWithOr() {
        Event e = container("health_status: healthy", "abcdef", "web1", Instant.now());
        assertThat(new EventFilter(Map.of("type", List.of("container"))).matches(e)).isTrue();
        assertThat(new EventFilter(Map.of("type", List.of("image"))).matches(e)).isFalse();
        assertThat(new EventFilter(Map.of("container", List.of("web1"))).matches(e)).isTrue();
        assertThat(new EventFilter(Map.of("container", List.of("abc"))).matches(e)).isTrue();
        assertThat(new EventFilter(Map.of("container", List.of("other", "web1"))).matches(e)).isTrue();
        assertThat(new EventFilter(Map.of("event", List.of("health_status"))).matches(e)).isTrue();
        assertThat(new EventFilter(Map.of("event", List.of("start"))).matches(e)).isFalse();
        assertThat(new EventFilter(Map.of("image", List.of("busybox:latest"))).matches(e)).isTrue();
        assertThat(new EventFilter(Map.of("label", List.of("tier=web"))).matches(e)).isTrue();
        assertThat(new EventFilter(Map.of("label", List.of("tier=db"))).matches(e)).isFalse();
        assertThat(new EventFilter(Map.of("label", List.of("tier"), "container", List.of("nope"))).matches(e)).isFalse();
    }

    @Test
    void filter_unknownNameIsRefused() {
        assertThatThrownBy(() -> new EventFilter(Map.of("colour", List.of("red"))))
                .hasMessage("invalid filter 'colour'");
    }
}
