package berth.cli.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a list command's rows with a docker-style {@code --format}: "table ..." gives aligned
 * columns under a header row, anything else one template execution per line; "json" means
 * {@code {{json .}}}. The literal escapes {@code \t} and {@code \n} in the format become tab and
 * newline, as docker does.
 */
public final class OutputFormat {
    private final String template;
    private final boolean table;

    private OutputFormat(String template, boolean table) {
        this.template = template;
        this.table = table;
    }

    /**
     * @param format what the user passed (may be null or empty, meaning the default)
     * @param defaultTable the command's default table template without the "table" prefix
     */
    public static OutputFormat of(String format, String defaultTable) {
        String f = format == null ? "" : format;
        if (f.isBlank() || f.strip().equals("table")) {
            return new OutputFormat(unescape(defaultTable), true);
        }
        if (f.strip().equals("json")) {
            return new OutputFormat("{{json .}}", false);
        }
        if (f.startsWith("table")) {
            return new OutputFormat(unescape(f.substring("table".length()).strip()), true);
        }
        return new OutputFormat(unescape(f), false);
    }

    static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\n", "\n");
    }

    public boolean isTable() {
        return table;
    }

    /**
     * Renders the rows; headers maps a field name to its column title (unknown fields get their
     * name upper-cased).
     */
    public String render(List<? extends TemplateData> rows, Map<String, String> headers) {
        Template t = Template.parse(template);
        if (!table) {
            StringBuilder sb = new StringBuilder();
            for (TemplateData r : rows) {
                sb.append(t.execute(r)).append('\n');
            }
            return sb.toString();
        }
        List<String> lines = new ArrayList<>();
        lines.add(t.execute(new HeaderData(headers)));
        for (TemplateData r : rows) {
            lines.add(t.execute(r));
        }
        // a row template may itself contain newlines; tabwriter aligns every physical line
        List<String> physical = new ArrayList<>();
        for (String l : lines) {
            physical.addAll(List.of(l.split("\n", -1)));
        }
        return TabWriter.align(physical);
    }

    /** Answers every field with its column title, so the header row comes from the same template. */
    private record HeaderData(Map<String, String> headers) implements TemplateData {
        @Override
        public Object field(String name) {
            return headers.getOrDefault(name, name.toUpperCase(java.util.Locale.ROOT));
        }

        @Override
        public Object call(String name, List<Object> args) {
            return field(name);
        }

        @Override
        public Map<String, Object> asMap() {
            return Map.of();
        }
    }
}
