package berth.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds Jackson's tree nodes straight from a streaming parser, so reading JSON needs no
 * ObjectMapper (constructing one is most of a CLI command's start-up time). The nodes are the ones
 * {@code ObjectMapper.readTree} makes with default settings: ints as IntNode, then LongNode, then
 * BigIntegerNode by size; fractions and exponents as DoubleNode; a repeated key keeps its last value.
 */
final class JsonTreeBuilder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTreeBuilder() {}

    /**
     * The value that starts at the parser's current token (which must not be null); leaves the parser
     * on that value's last token. Depth is bounded by the parser's nesting limit, so recursion is safe.
     */
    static JsonNode valueAt(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case START_OBJECT -> objectAt(p);
            case START_ARRAY -> arrayAt(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> NODES.pojoNode(p.getEmbeddedObject());
            default -> throw new IllegalStateException("parser is not at the start of a value but at " + t);
        };
    }

    private static ObjectNode objectAt(JsonParser p) throws IOException {
        ObjectNode o = NODES.objectNode();
        String name;
        while ((name = p.nextFieldName()) != null) {
            p.nextToken();
            o.set(name, valueAt(p));
        }
        return o;
    }

    private static ArrayNode arrayAt(JsonParser p) throws IOException {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(valueAt(p));
        }
        return a;
    }
}
