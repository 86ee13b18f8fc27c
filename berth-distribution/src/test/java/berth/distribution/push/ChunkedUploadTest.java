package berth.distribution.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import berth.content.Digest;
import berth.distribution.RegistryHosts;
import berth.distribution.client.RegistryClient;
import berth.distribution.client.RemoteRepository;
import berth.image.ImageReference;
import berth.image.RegistryCredentials;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upload protocol against a registry written for the test, which records each request: chunk sizes
 * and ranges, the registry's {@code OCI-Chunk-Min-Length}, the closing {@code PUT ?digest=}.
 */
class ChunkedUploadTest {
    record Request(String method, String query, String contentRange, int bodyLength) {}

    HttpServer server;
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    List<Request> requests = new CopyOnWriteArrayList<>();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    volatile Optional<Long> minChunk = Optional.empty();
    RegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        client = new RegistryClient(RegistryHosts.defaults());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/v2/")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Content-Range"), body.length));
            synchronized (received) {
                received.write(body);
            }
            switch (ex.getRequestMethod()) {
                case "POST" -> {
                    ex.getResponseHeaders().set("Location", "/v2/it/blob/blobs/uploads/u1");
                    minChunk.ifPresent(n -> ex.getResponseHeaders().set("OCI-Chunk-Min-Length", Long.toString(n)));
                    ex.sendResponseHeaders(202, -1);
                }
                case "PATCH" -> {
                    ex.getResponseHeaders().set("Location", "/v2/it/blob/blobs/uploads/u1");
                    ex.sendResponseHeaders(202, -1);
                }
                case "PUT" -> ex.sendResponseHeaders(201, -1);
                default -> ex.sendResponseHeaders(405, -1);
            }
        }
    }

    private RemoteRepository repository() {
        return client.repository(ImageReference.parse("127.0.0.1:" + server.getAddress().getPort() + "/it/blob"),
                RegistryCredentials.ANONYMOUS);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void uploadBlob_largerThanTheChunkSize_goesUpInRangedPatchesThenAPutWithTheDigest() {
        byte[] blob = random(2500);

        repository().uploadBlob(Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob), 1000);

        assertThat(requests).extracting(Request::method).containsExactly("POST", "PATCH", "PATCH", "PATCH", "PUT");
        assertThat(requests).filteredOn(r -> r.method().equals("PATCH")).extracting(Request::contentRange, Request::bodyLength)
                .containsExactly(tuple("0-999", 1000), tuple("1000-1999", 1000),
                        tuple("2000-2499", 500));
        assertThat(requests.getLast().query()).isEqualTo("digest=" + Digest.sha256(blob).toString().replace(":", "%3A"));
        assertThat(requests.getLast().bodyLength()).isZero();
        assertThat(received.toByteArray()).isEqualTo(blob);
    }

    @Test
    void uploadBlob_honoursTheRegistrysMinimumChunkLength() {
        minChunk = Optional.of(3000L);
        byte[] blob = random(7000);

        repository().uploadBlob(Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob), 1000);

        assertThat(requests).filteredOn(r -> r.method().equals("PATCH")).extracting(Request::contentRange)
                .containsExactly("0-2999", "3000-5999", "6000-6999");
        assertThat(received.toByteArray()).isEqualTo(blob);
    }

    @Test
    void uploadBlob_thatFitsInOneChunk_isOnePut() {
        minChunk = Optional.of(3000L);
        byte[] blob = random(2000);

        repository().uploadBlob(Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob), 1000);

        assertThat(requests).extracting(Request::method, Request::bodyLength)
                .containsExactly(tuple("POST", 0), tuple("PUT", 2000));
        assertThat(received.toByteArray()).isEqualTo(blob);
    }
}
