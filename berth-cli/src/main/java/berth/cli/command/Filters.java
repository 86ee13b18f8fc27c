package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code --filter key=value} flags as the daemon's {@code filters} parameter (the Go client's map form). */
final class Filters {
    private Filters() {}

    /** {"key":{"value":true},...}, or null when there are no filters. */
    static String toJson(List<String> filters) {
        if (filters == null || filters.isEmpty()) {
            return null;
        }
        ObjectNode root = Json.object();
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new CliException(ExitCodes.ERROR, "bad format of filter (expected name=value): " + f);
            }
            String key = f.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String value = f.substring(eq + 1);
            ObjectNode values = root.has(key) ? (ObjectNode) root.get(key) : root.putObject(key);
            values.put(value, true);
        }
        return Json.text(root);
    }
}
