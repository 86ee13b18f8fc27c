package berth.registry.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook receiving Docker Distribution's event envelopes.
 *
 * @param url where events are POSTed
 * @param headers extra request headers (e.g. Authorization), each with one or more values
 * @param timeout how long one delivery attempt may take
 * @param retries how many times a failed delivery is tried again before the event is dropped
 * @param backoff the wait before the first retry; it doubles with each further one
 */
public record NotificationEndpoint(URI url, Map<String, List<String>> headers, Duration timeout, int retries, Duration backoff) {
    public NotificationEndpoint {
        Objects.requireNonNull(url, "notifications.endpoints[].url");
        headers = Map.copyOf(headers);
        if (retries < 0) {
            throw new IllegalArgumentException("notifications retries must be 0 or more: " + retries);
        }
    }
}
