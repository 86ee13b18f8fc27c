package berth.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/** What a request carries: nothing, a fixed byte array, or a stream sent with chunked encoding. */
public sealed interface RequestBody {
    /** The body's Content-Type, or null when there is no body. */
    String contentType();

    record None() implements RequestBody {
        @Override
        public String contentType() {
            return null;
        }
    }

    record Bytes(String contentType, byte[] data) implements RequestBody {
        public Bytes {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(data, "data");
        }
    }

    /** A body of unknown length (a tar being uploaded); written with Transfer-Encoding: chunked. */
    record Streamed(String contentType, Writer writer) implements RequestBody {
        public Streamed {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(writer, "writer");
        }
    }

    /** Writes a streamed body; the stream is closed by the caller, which ends the chunked encoding. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    RequestBody NONE = new None();
}
