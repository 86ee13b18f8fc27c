package berth.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import berth.registry.config.NotificationEndpoint;
import berth.registry.config.RegistryConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A webhook receiver in the test gets Docker Distribution's event envelope for pushes and deletes. */
class NotificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void manifestPushAndDelete_areDelivered_afterARetry() throws Exception {
        LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> headers = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // The very first delivery fails: the notifier must try again.
            int status = calls.getAndIncrement() == 0 ? 503 : 200;
            if (status == 200) {
                headers.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestHeaders().getFirst("X-Hook-Token"));
                received.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hook.start();
        try {
            NotificationEndpoint endpoint = new NotificationEndpoint(URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/events"),
                    Map.of("X-Hook-Token", List.of("s3cret")), Duration.ofSeconds(5), 3, Duration.ofMillis(10));
            RegistryConfig config = RegistryConfig.plain("127.0.0.1", 0, tmp.resolve("root")).withNotifications(List.of(endpoint));
            try (RegistryFixture reg = new RegistryFixture(config)) {
                HttpResponse<byte[]> put = reg.pushImage("hooked/app", "v1", "{}", List.of("layer".getBytes(StandardCharsets.UTF_8)), "");
                String digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();

                JsonNode manifestPush = awaitEvent(received, "push", "application/vnd.oci.image.manifest.v1+json");
                JsonNode target = manifestPush.path("target");
                assertThat(target.path("digest").asText()).isEqualTo(digest);
                assertThat(target.path("repository").asText()).isEqualTo("hooked/app");
                assertThat(target.path("tag").asText()).isEqualTo("v1");
                assertThat(target.path("size").asLong()).isEqualTo(reg.get("/v2/hooked/app/manifests/v1").body().length);
                assertThat(manifestPush.path("request").path("method").asText()).isEqualTo("PUT");
                assertThat(headers.take()).isEqualTo("application/vnd.docker.distribution.events.v1+json s3cret");

                reg.send("DELETE", "/v2/hooked/app/manifests/" + digest);
                JsonNode delete = awaitEvent(received, "delete", null);
                assertThat(delete.path("target").path("digest").asText()).isEqualTo(digest);
            }
        } finally {
            hook.stop(0);
        }
    }

    /** The next event with this action (and media type, when given); deliveries of other events are skipped. */
    private static JsonNode awaitEvent(LinkedBlockingQueue<JsonNode> received, String action, String mediaType) throws InterruptedException {
        while (true) {
            // A generous bound so a broken notifier fails the test instead of hanging it.
            JsonNode envelope = received.poll(60, TimeUnit.SECONDS);
            assertThat(envelope).as("an event envelope arrives").isNotNull();
            for (JsonNode event : envelope.path("events")) {
                if (event.path("action").asText().equals(action)
                        && (mediaType == null || event.path("target").path("mediaType").asText().equals(mediaType))) {
                    return event;
                }
            }
        }
    }
}
