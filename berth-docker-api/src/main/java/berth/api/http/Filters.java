package berth.api.http;

import berth.errors.BerthException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code filters} query parameter. Go clients send a map of sets ({@code {"label":{"a=b":true}}}),
 * docker-py and docker-java a map of lists ({@code {"label":["a=b"]}}); both become name → values.
 */
public record Filters(Map<String, List<String>> byName) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Filters {
        byName = Map.copyOf(byName);
    }

    public static Filters none() {
        return new Filters(Map.of());
    }

    public static Filters parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw BerthException.invalid("invalid filters: " + raw + " (expected JSON such as {\"label\":[\"a=b\"]})", e);
        }
        if (root == null || root.isNull()) {
            return none();
        }
        if (!root.isObject()) {
            throw BerthException.invalid("invalid filters: " + raw + " (expected a JSON object)");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var field : root.properties()) {
            JsonNode v = field.getValue();
            List<String> values = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(e -> values.add(e.asText()));
            } else if (v.isObject()) {
                // Go's map[string]bool form: a value set to false is not part of the set
                v.properties().forEach(e -> {
                    if (!e.getValue().isBoolean() || e.getValue().booleanValue()) {
                        values.add(e.getKey());
                    }
                });
            } else if (v.isTextual()) {
                values.add(v.asText());
            } else if (!v.isNull()) {
                throw BerthException.invalid("invalid filter \"" + field.getKey() + "\": expected a list or a map of values");
            }
            out.put(field.getKey(), List.copyOf(values));
        }
        return new Filters(out);
    }

    public List<String> get(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Refuses filters outside {@code allowed}, as Docker does ("invalid filter 'x'"). */
    public Filters requireOnly(Set<String> allowed) {
        for (String name : byName.keySet()) {
            if (!allowed.contains(name)) {
                throw BerthException.invalid("invalid filter '" + name + "'");
            }
        }
        return this;
    }
}
