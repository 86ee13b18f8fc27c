package berth.network.firewall;

import java.util.List;

/**
 * One iptables rule as berth adds it and later deletes it: the same arguments serve both, so a
 * delete matches exactly what was added.
 *
 * @param top  inserted at position 1 instead of appended (the hooks, and the drops that must come
 *             before every accept in BERTH-FORWARD)
 * @param args the match and target, one token each (never whitespace or quotes: they are written
 *             unquoted into iptables-restore input)
 */
record Rule(Table table, String chain, boolean top, List<String> args) {
    Rule {
        args = List.copyOf(args);
        for (String a : args) {
            if (a.isEmpty() || a.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
                throw new IllegalArgumentException("bad iptables token '" + a + "' in " + args);
            }
        }
    }

    static Rule append(Table table, String chain, String... args) {
        return new Rule(table, chain, false, List.of(args));
    }

    static Rule insert(Table table, String chain, String... args) {
        return new Rule(table, chain, true, List.of(args));
    }

    /** The iptables-restore line that adds it. */
    String addLine() {
        return (top ? "-I " + chain + " 1 " : "-A " + chain + " ") + String.join(" ", args);
    }

    /** The iptables-restore line that deletes it. */
    String deleteLine() {
        return "-D " + chain + " " + String.join(" ", args);
    }
}
