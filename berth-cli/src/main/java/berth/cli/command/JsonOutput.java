package berth.cli.command;

import berth.cli.format.PlainValues;
import berth.cli.format.Template;
import berth.client.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Prints inspect results: docker's indented JSON array, or one template execution per object. */
final class JsonOutput {
    private JsonOutput() {}

    /** Go's json.MarshalIndent(v, "", "    "): four spaces, "key": value, empty arrays as []. */
    static String indent(JsonNode node) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("").withArrayEmptySeparator(""));
        DefaultIndenter four = new DefaultIndenter("    ", "\n");
        pp.indentObjectsWith(four);
        pp.indentArraysWith(four);
        // A generator walking the tree, not an ObjectMapper: the mapper alone costs ~150 ms to start.
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            g.setPrettyPrinter(pp);
            Json.write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static void print(List<JsonNode> objects, String format) {
        if (format == null || format.isBlank()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            objects.forEach(array::add);
            DaemonCommand.out().println(indent(array));
            return;
        }
        Template t = Template.parse(format.replace("\\t", "\t").replace("\\n", "\n"));
        for (JsonNode o : objects) {
            DaemonCommand.out().println(t.execute(PlainValues.of(o)));
        }
    }
}
