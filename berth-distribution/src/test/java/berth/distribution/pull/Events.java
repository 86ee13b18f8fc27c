package berth.distribution.pull;

import berth.image.Progress;
import java.util.ArrayList;
import java.util.List;

/** Records progress events, for assertions on what a pull reported. */
public final class Events implements Progress.Listener {
    private final List<Progress> events = new ArrayList<>();

    @Override
    public synchronized void on(Progress event) {
        events.add(event);
    }

    public synchronized List<Progress> all() {
        return List.copyOf(events);
    }

    /** Status lines and item statuses, as "id: status" or the status message. */
    public synchronized List<String> lines() {
        return events.stream().map(e -> switch (e) {
            case Progress.Status s -> s.message();
            case Progress.Item i -> i.id() + ": " + i.status();
        }).toList();
    }

    public synchronized long count(String itemStatus) {
        return events.stream().filter(e -> e instanceof Progress.Item i && i.status().equals(itemStatus)).count();
    }
}
