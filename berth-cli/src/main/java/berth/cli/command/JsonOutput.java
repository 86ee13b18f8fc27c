package berth.cli.command;

import berth.cli.format.Template;
import berth.client.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
        try {
            return Json.mapper().writer(pp).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void print(List<JsonNode> objects, String format) {
        if (format == null || format.isBlank()) {
            ArrayNode array = Json.mapper().createArrayNode();
            objects.forEach(array::add);
            DaemonCommand.out().println(indent(array));
            return;
        }
        Template t = Template.parse(format.replace("\\t", "\t").replace("\\n", "\n"));
        for (JsonNode o : objects) {
            DaemonCommand.out().println(t.execute(Json.mapper().convertValue(o, Object.class)));
        }
    }
}
