package berth.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one Jackson mapper of the client, created on first use (it is the costliest class to load). */
public final class Json {
    private Json() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    public static ObjectNode object() {
        return mapper().createObjectNode();
    }

    public static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? mapper().missingNode() : mapper().readTree(bytes);
        } catch (IOException e) {
            throw new ClientException("the daemon sent JSON that does not parse: " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(Object value) {
        try {
            return mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
