package berth.api.wire;

import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lenient reads of request JSON: a missing field and an explicit {@code null} both mean "default"
 * (docker-java sends null for nearly everything), and wrong types are INVALID_ARGUMENT naming the field.
 */
final class JsonFields {
    private JsonFields() {}

    static JsonNode child(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    static Optional<String> text(JsonNode parent, String field) {
        JsonNode n = child(parent, field);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isValueNode()) {
            throw wrongType(field, "a string");
        }
        return Optional.of(n.asText());
    }

    static boolean bool(JsonNode parent, String field) {
        JsonNode n = child(parent, field);
        if (n == null) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual() || n.isNumber()) {
            return berth.api.http.QueryParams.parseBool(n.asText());
        }
        throw wrongType(field, "a boolean");
    }

    static long number(JsonNode parent, String field) {
        JsonNode n = child(parent, field);
        if (n == null) {
            return 0;
        }
        if (n.isNumber()) {
            return n.longValue();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                throw wrongType(field, "a number");
            }
        }
        throw wrongType(field, "a number");
    }

    /** A list of strings; Docker's StrSlice also accepts a single string. Empty when absent. */
    static Optional<List<String>> strings(JsonNode parent, String field) {
        JsonNode n = child(parent, field);
        if (n == null) {
            return Optional.empty();
        }
        if (n.isTextual()) {
            return Optional.of(List.of(n.asText()));
        }
        if (!n.isArray()) {
            throw wrongType(field, "a list of strings");
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.isNull() ? "" : e.asText()));
        return Optional.of(out);
    }

    static Map<String, String> stringMap(JsonNode parent, String field) {
        JsonNode n = child(parent, field);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            throw wrongType(field, "an object of strings");
        }
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return out;
    }

    /** The keys of an object ({@code ExposedPorts}, {@code Volumes}); empty when absent. */
    static List<String> keys(JsonNode parent, String field) {
        JsonNode n = child(parent, field);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            throw wrongType(field, "an object");
        }
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Whether an array or object field holds anything. */
    static boolean nonEmpty(JsonNode parent, String field) {
        JsonNode n = child(parent, field);
        return n != null && (n.isContainerNode() ? !n.isEmpty() : !n.asText().isEmpty());
    }

    private static BerthException wrongType(String field, String expected) {
        return BerthException.invalid("invalid value for " + field + ": expected " + expected);
    }
}
