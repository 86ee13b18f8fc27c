package berth.distribution.pull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A registry written for each test, so it can misbehave: {@code /v2/} answers 200, a manifest or blob is
 * served from the map, and a test may replace the handler of any path. Every request is logged with its
 * {@code Range} and {@code Authorization} headers.
 */
final class FakeRegistry implements AutoCloseable {
    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    record Request(String method, String path, String range, String authorization) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Handler ping = ex -> send(ex, 200, "application/json", "{}".getBytes());

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void on(String path, Handler handler) {
        handlers.put(path, handler);
    }

    void onPing(Handler handler) {
        ping = handler;
    }

    /** Runs before every request other than the ping; it may answer (and must then return true). */
    interface Gate {
        boolean refuse(HttpExchange exchange) throws IOException;
    }

    private volatile Gate before = ex -> false;

    void gate(Gate g) {
        before = g;
    }

    /** Serves an image's manifest by {@code tag} and digest, and its blobs. */
    void serve(String repo, String tag, TestImages.Image image) {
        serveManifest(repo, tag, image.manifest());
        for (TestImages.Blob b : image.blobs()) {
            on("/v2/" + repo + "/blobs/" + b.digest(), ex -> send(ex, 200, "application/octet-stream", b.data()));
        }
    }

    void serveManifest(String repo, String tag, TestImages.Blob manifest) {
        Handler h = ex -> {
            ex.getResponseHeaders().add("Docker-Content-Digest", manifest.digest().toString());
            send(ex, 200, manifest.mediaType(), manifest.data());
        };
        on("/v2/" + repo + "/manifests/" + tag, h);
        on("/v2/" + repo + "/manifests/" + manifest.digest(), h);
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Range"),
                    ex.getRequestHeaders().getFirst("Authorization")));
            if (path.equals("/v2/")) {
                ping.handle(ex);
                return;
            }
            if (before.refuse(ex)) {
                return;
            }
            Handler h = handlers.get(path);
            if (h == null) {
                send(ex, 404, "application/json",
                        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes());
                return;
            }
            h.handle(ex);
        }
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(body.length));
        }
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
