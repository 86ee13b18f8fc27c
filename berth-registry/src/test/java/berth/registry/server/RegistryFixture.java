package berth.registry.server;

import berth.content.Digest;
import berth.registry.config.RegistryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A registry server on a free loopback port over a temporary root, and an HTTP client for it. */
final class RegistryFixture implements AutoCloseable {
    final RegistryServer server;
    final HttpClient http;
    final String base;
    /** Sent as the Authorization header when set. */
    Optional<String> authorization = Optional.empty();

    RegistryFixture(RegistryConfig config) {
        this(config, HttpClient.newHttpClient());
    }

    RegistryFixture(RegistryConfig config, HttpClient http) {
        this.server = RegistryServer.start(config);
        this.http = http;
        this.base = (server.tls() ? "https" : "http") + "://127.0.0.1:" + server.port();
    }

    /** The port the server listens on (127.0.0.1). */
    int port() {
        return server.port();
    }

    static RegistryFixture open(Path root) {
        return new RegistryFixture(RegistryConfig.plain("127.0.0.1", 0, root));
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        return new Session(http, base, authorization).send(method, path, body, headers);
    }

    /** Requests through one client (its own connections), for tests that run several at once. */
    record Session(HttpClient http, String base, Optional<String> authorization) {
        Session(HttpClient http, String base) {
            this(http, base, Optional.empty());
        }

        HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
            headers.forEach(b::header);
            authorization.ifPresent(a -> b.header("Authorization", a));
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    HttpResponse<byte[]> send(String method, String path) throws IOException, InterruptedException {
        return send(method, path, null, Map.of());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    /** Pushes a blob in one POST with ?digest=; returns its digest. */
    Digest pushBlob(String repo, byte[] content) throws IOException, InterruptedException {
        Digest d = Digest.sha256(content);
        HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, content,
                Map.of("Content-Type", "application/octet-stream"));
        if (r.statusCode() != 201) {
            throw new AssertionError("blob push failed: " + r.statusCode() + " " + text(r));
        }
        return d;
    }

    /** Pushes an OCI image manifest over one config and the given layers (all pushed first). */
    HttpResponse<byte[]> pushImage(String repo, String reference, String configJson, List<byte[]> layers, String extraFields)
            throws IOException, InterruptedException {
        byte[] config = configJson.getBytes(StandardCharsets.UTF_8);
        Digest configDigest = pushBlob(repo, config);
        StringBuilder ls = new StringBuilder();
        for (byte[] layer : layers) {
            Digest d = pushBlob(repo, layer);
            ls.append(ls.isEmpty() ? "" : ",").append(descriptor("application/vnd.oci.image.layer.v1.tar", d, layer.length));
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                + descriptor("application/vnd.oci.image.config.v1+json", configDigest, config.length)
                + ",\"layers\":[" + ls + "]" + extraFields + "}";
        return send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"));
    }

    static String descriptor(String mediaType, Digest digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
        http.close();
    }
}
