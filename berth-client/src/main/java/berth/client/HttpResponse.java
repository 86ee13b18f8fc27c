package berth.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A response whose body is still on the wire: {@link #body()} yields exactly the entity bytes (the
 * framing, Content-Length or chunked or read-to-close, is already undone). Closing it closes the
 * connection.
 */
public final class HttpResponse implements Closeable {
    private final int status;
    private final String reason;
    private final Map<String, String> headers; // keys lower-cased
    private final InputStream body;
    private final Closeable connection;

    HttpResponse(int status, String reason, Map<String, String> headers, InputStream body, Closeable connection) {
        this.status = status;
        this.reason = reason;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.connection = connection;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Map<String, String> headers() {
        return headers;
    }

    public InputStream body() {
        return body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public byte[] readAllBytes() {
        try (this) {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the daemon's response failed: " + e.getMessage(), e);
        }
    }

    public String readString() {
        return new String(readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing a unix socket we are done with cannot lose data
        }
    }
}
