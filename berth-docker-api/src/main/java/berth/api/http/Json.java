package berth.api.http;

import berth.errors.BerthException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The JSON mapper of the wire. Record components are named in Java style and written in Docker's
 * UpperCamelCase ({@code repoTags} → {@code RepoTags}); the odd ones ({@code ID}, {@code NCPU},
 * lower-case progress keys) carry {@code @JsonProperty}. Nulls are written (Jackson's default inclusion), because Docker writes
 * them too ({@code "Warnings":null}) and clients expect the keys.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private Json() {}

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw BerthException.internal("cannot encode response as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a request body; an empty body is a missing node (every field then takes its default). */
    public static JsonNode parseBody(byte[] body) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("malformed JSON in request body: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (java.io.IOException e) {
            throw BerthException.invalid("cannot read request body: " + e.getMessage(), e);
        }
    }
}
