package berth.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A registry on 127.0.0.1 that serves the blobs of an OCI layout by digest and one manifest by tag,
 * and misbehaves on request: {@link Mode#CORRUPT} flips a byte in the middle of every large blob (the
 * digest no longer matches), {@link Mode#CUT_ONCE} sends half of the first large blob and drops the
 * connection (a client that resumes with a {@code Range} request gets the rest). It records the
 * {@code Range} headers it was sent.
 */
final class HostileRegistry implements AutoCloseable {
    enum Mode { CORRUPT, CUT_ONCE }

    /** Blobs at least this big are the layers; the manifest and the config are left alone. */
    private static final int LARGE = 64 * 1024;

    private final HttpServer server;
    private final Path layout;
    private final String manifestDigest;
    private final Mode mode;
    private final AtomicBoolean cut = new AtomicBoolean();
    final List<String> ranges = new CopyOnWriteArrayList<>();

    private HostileRegistry(Path layout, String manifestDigest, Mode mode) throws IOException {
        this.layout = layout;
        this.manifestDigest = manifestDigest;
        this.mode = mode;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/v2/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Serves {@code manifestDigest} (a manifest in the layout) as tag {@code v1} of any repository. */
    static HostileRegistry start(Path layout, String manifestDigest, Mode mode) throws IOException {
        return new HostileRegistry(layout, manifestDigest, mode);
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            ex.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            if (path.equals("/v2/")) {
                send(ex, 200, "application/json", "{}".getBytes(), 0);
                return;
            }
            int m = path.indexOf("/manifests/");
            int b = path.indexOf("/blobs/");
            if (m > 0) {
                byte[] body = blob(manifestDigest);
                ex.getResponseHeaders().add("Docker-Content-Digest", manifestDigest);
                send(ex, 200, "application/vnd.oci.image.manifest.v1+json", body, 0);
            } else if (b > 0) {
                String digest = path.substring(b + "/blobs/".length());
                byte[] body = blob(digest);
                if (body == null) {
                    send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown\"}]}".getBytes(), 0);
                    return;
                }
                ex.getResponseHeaders().add("Docker-Content-Digest", digest);
                String range = ex.getRequestHeaders().getFirst("Range");
                if (range != null) {
                    ranges.add(range);
                }
                if (body.length >= LARGE && mode == Mode.CORRUPT) {
                    body = body.clone();
                    body[body.length / 2] ^= 0x5a;
                }
                long from = range != null && range.startsWith("bytes=") ? Long.parseLong(range.substring(6, range.indexOf('-'))) : 0;
                if (body.length >= LARGE && mode == Mode.CUT_ONCE && from == 0 && cut.compareAndSet(false, true)) {
                    ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
                    ex.sendResponseHeaders(200, body.length);
                    OutputStream out = ex.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    // the exchange ends without the rest: the server closes the connection mid-body
                    throw new IOException("cut on purpose");
                }
                if (from > 0) {
                    ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                    send(ex, 206, "application/octet-stream", body, (int) from);
                } else {
                    send(ex, 200, "application/octet-stream", body, 0);
                }
            } else {
                send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"no\"}]}".getBytes(), 0);
            }
        }
    }

    private byte[] blob(String digest) throws IOException {
        Path p = layout.resolve("blobs").resolve(digest.replace(':', '/'));
        return Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, int from) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length - from));
        ex.sendResponseHeaders(status, head ? -1 : body.length - from);
        if (!head) {
            ex.getResponseBody().write(body, from, body.length - from);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
