package berth.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a Jackson tree to a generator with the same calls the tree's own serializer makes under an
 * ObjectMapper's defaults, so the bytes (and any pretty printer's layout) are the same, but without
 * an ObjectMapper. ({@code JsonNode.toString()} would build one internally.)
 */
final class JsonTreeWriter {
    private JsonTreeWriter() {}

    static void write(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject(node, node.size());
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    g.writeFieldName(e.getKey());
                    write(e.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray(node, node.size());
                for (JsonNode element : node) {
                    write(element, g);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case DOUBLE -> g.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case BINARY -> {
                byte[] data = node.binaryValue();
                if (data == null) {
                    g.writeNull();
                } else {
                    g.writeBinary(data);
                }
            }
            // Only a tree built by hand can hold a Java object; only then is the mapper needed.
            case POJO -> Json.mapper().writeValue(g, ((POJONode) node).getPojo());
            case NULL, MISSING -> g.writeNull();
        }
    }
}
