package berth.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON progress stream (pull, load, import, events, wait): a sequence of JSON objects,
 * usually one per line. Each object is returned as soon as it is complete.
 */
public final class JsonMessageReader implements AutoCloseable {
    private final JsonParser parser;

    public JsonMessageReader(InputStream in) throws IOException {
        // The streaming parser reads successive root-level values on its own; no mapper is needed.
        this.parser = Json.factory().createParser(in);
    }

    /** The next message, or null at end of stream. */
    public JsonNode next() throws IOException {
        try {
            return parser.nextToken() == null ? null : JsonTreeBuilder.valueAt(parser);
        } catch (StreamReadException e) {
            throw new IOException("bad JSON in the daemon's progress stream: " + e.getMessage(), e);
        }
    }

    /**
     * The error a message reports in-stream ({@code {"error": ..., "errorDetail": {...}}}), or null.
     */
    public static String errorOf(JsonNode message) {
        JsonNode detail = message.path("errorDetail").path("message");
        if (detail.isTextual() && !detail.asText().isEmpty()) {
            return detail.asText();
        }
        JsonNode error = message.get("error");
        if (error != null && error.isTextual() && !error.asText().isEmpty()) {
            return error.asText();
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
