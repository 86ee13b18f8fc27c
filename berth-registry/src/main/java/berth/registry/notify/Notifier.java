package berth.registry.notify;

import berth.registry.config.NotificationEndpoint;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Delivers events to the configured endpoints, off the request path: each endpoint has its own queue
 * and worker (a virtual thread), so a slow or dead endpoint delays only its own events. A failed
 * delivery (an error or a non-2xx answer) is tried again after a doubling backoff, up to the
 * endpoint's retries; then the event is dropped with a log line. A full queue drops new events rather
 * than hold up pushes.
 */
public final class Notifier implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    private static final int QUEUE_LIMIT = 10_000;

    private final List<Worker> workers;

    public Notifier(List<NotificationEndpoint> endpoints, String sourceAddr) {
        String instanceId = UUID.randomUUID().toString();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.workers = endpoints.stream().map(e -> new Worker(e, client, sourceAddr, instanceId)).toList();
        workers.forEach(Worker::start);
    }

    public void publish(Event event) {
        for (Worker w : workers) {
            if (!w.queue.offer(event)) {
                LOG.log(System.Logger.Level.WARNING, "notification queue for {0} full: dropping {1} event for {2}",
                        w.endpoint.url(), event.action(), event.repository());
            }
        }
    }

    @Override
    public void close() {
        workers.forEach(w -> w.thread.interrupt());
    }

    private static final class Worker implements Runnable {
        private final NotificationEndpoint endpoint;
        private final HttpClient client;
        private final String sourceAddr;
        private final String instanceId;
        private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
        private final Thread thread;

        Worker(NotificationEndpoint endpoint, HttpClient client, String sourceAddr, String instanceId) {
            this.endpoint = endpoint;
            this.client = client;
            this.sourceAddr = sourceAddr;
            this.instanceId = instanceId;
            this.thread = Thread.ofVirtual().name("registry-notify-" + endpoint.url().getHost()).unstarted(this);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    deliver(queue.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(Event event) throws InterruptedException {
            byte[] body = EventEnvelope.encode(List.of(event), sourceAddr, instanceId);
            Duration wait = endpoint.backoff();
            for (int attempt = 0; ; attempt++) {
                String failure;
                try {
                    HttpRequest.Builder req = HttpRequest.newBuilder(endpoint.url())
                            .timeout(endpoint.timeout())
                            .header("Content-Type", EventEnvelope.MEDIA_TYPE)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    endpoint.headers().forEach((name, values) -> values.forEach(v -> req.header(name, v)));
                    HttpResponse<Void> resp = client.send(req.build(), HttpResponse.BodyHandlers.discarding());
                    if (resp.statusCode() / 100 == 2) {
                        return;
                    }
                    failure = "HTTP " + resp.statusCode();
                } catch (IOException | IllegalArgumentException e) {
                    failure = e.toString();
                }
                if (attempt >= endpoint.retries()) {
                    LOG.log(System.Logger.Level.WARNING, "dropping {0} event for {1}@{2} after {3} attempts to {4}: {5}",
                            event.action(), event.repository(), event.digest(), attempt + 1, endpoint.url(), failure);
                    return;
                }
                // A backoff between retries, not synchronisation: the endpoint needs time to recover.
                TimeUnit.MILLISECONDS.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
    }
}
