package berth.events;

/** Where the engine's services report what they did. Publishing never blocks and never fails. */
@FunctionalInterface
public interface EventSink {
    EventSink NONE = e -> {};

    void publish(Event event);
}
