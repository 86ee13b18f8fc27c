package berth.client;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * JSON for the client: Jackson's tree types, read and written with jackson-core's streaming parser
 * and generator. An ObjectMapper costs about 150 ms to build in a cold JVM, most of a CLI command's
 * run, so ordinary commands never create one; {@link #mapper()} is there for the rare value that is
 * not a tree.
 */
public final class Json {
    private Json() {}

    private static final JsonFactory FACTORY = new JsonFactory();

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A full ObjectMapper, built on first use; avoid it on a command's ordinary path (it is slow to start). */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** The one streaming factory, for callers that write trees to their own generator (pretty printing). */
    public static JsonFactory factory() {
        return FACTORY;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The first JSON value in {@code bytes} as a tree (what {@code ObjectMapper.readTree} gives), or
     * the missing node when there is none (empty or blank input); anything after the value is ignored.
     */
    public static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return p.nextToken() == null ? MissingNode.getInstance() : JsonTreeBuilder.valueAt(p);
        } catch (IOException e) {
            throw new ClientException("the daemon sent JSON that does not parse: " + e.getMessage(), e);
        }
    }

    /** UTF-8 JSON for a tree (or, through the mapper, for any other value). */
    public static byte[] bytes(Object value) {
        if (!(value instanceof JsonNode node)) {
            return mapperBytes(value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Compact JSON text for a tree: what {@code JsonNode.toString()} gives, without the mapper it builds. */
    public static String text(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a tree to a generator (which may carry a pretty printer), as the tree's own serializer would. */
    public static void write(JsonNode node, JsonGenerator g) throws IOException {
        JsonTreeWriter.write(node, g);
    }

    private static byte[] mapperBytes(Object value) {
        try {
            return mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
