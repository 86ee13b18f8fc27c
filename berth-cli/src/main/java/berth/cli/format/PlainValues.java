package berth.cli.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree as the plain Java values templates walk: objects as insertion-ordered maps, arrays as
 * lists, strings, numbers of the node's own type (Integer, Long, BigInteger, Double...), booleans
 * and null. The same values {@code ObjectMapper.convertValue(node, Object.class)} gives, without
 * building a mapper.
 */
public final class PlainValues {
    private PlainValues() {}

    public static Object of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    m.put(e.getKey(), of(e.getValue()));
                }
                yield m;
            }
            case ARRAY -> {
                List<Object> l = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    l.add(of(element));
                }
                yield l;
            }
            case STRING -> node.textValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case BINARY -> binary(node);
            case POJO -> ((POJONode) node).getPojo();
            case NULL, MISSING -> null;
        };
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
