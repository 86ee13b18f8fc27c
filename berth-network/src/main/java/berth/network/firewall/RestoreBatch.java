package berth.network.firewall;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The input of one {@code iptables-restore --noflush} call: per table, chain declarations first (a
 * declared chain is created, or flushed when it exists), then rule lines. Each table is committed
 * atomically, so a batch that fails leaves that table as it was.
 */
final class RestoreBatch {
    private final Map<Table, List<String>> chains = new EnumMap<>(Table.class);
    private final Map<Table, List<String>> lines = new EnumMap<>(Table.class);

    /** Creates the chain, or empties it if it exists. */
    RestoreBatch declare(Table table, String chain) {
        chains.computeIfAbsent(table, t -> new ArrayList<>()).add(":" + chain + " - [0:0]");
        return this;
    }

    RestoreBatch add(Rule rule) {
        return line(rule.table(), rule.addLine());
    }

    RestoreBatch addAll(List<Rule> rules) {
        rules.forEach(this::add);
        return this;
    }

    RestoreBatch delete(Rule rule) {
        return line(rule.table(), rule.deleteLine());
    }

    RestoreBatch deleteAll(List<Rule> rules) {
        rules.forEach(this::delete);
        return this;
    }

    RestoreBatch line(Table table, String line) {
        lines.computeIfAbsent(table, t -> new ArrayList<>()).add(line);
        return this;
    }

    boolean isEmpty() {
        return chains.isEmpty() && lines.isEmpty();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        for (Table t : Table.values()) {
            List<String> c = chains.getOrDefault(t, List.of());
            List<String> l = lines.getOrDefault(t, List.of());
            if (c.isEmpty() && l.isEmpty()) {
                continue;
            }
            out.append('*').append(t.iptablesName()).append('\n');
            c.forEach(s -> out.append(s).append('\n'));
            l.forEach(s -> out.append(s).append('\n'));
            out.append("COMMIT\n");
        }
        return out.toString();
    }
}
