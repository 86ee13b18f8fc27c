package berth.network.firewall;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code iptables-save} shows that berth cares about: which of its chains exist, and the hooks
 * (rules in built-in chains that jump into berth's) with their exact text, so they can be deleted
 * and put back at the top. Every other rule is ignored: it is not berth's.
 */
record SavedRules(Map<Table, Set<String>> chains, List<Hook> hooks) {
    /** A hook as iptables-save printed it: "-A FORWARD -j BERTH-FORWARD". */
    record Hook(Table table, String line) {
        /** The restore line that deletes exactly this rule. */
        String deleteLine() {
            return "-D" + line.substring(2);
        }
    }

    private static final Set<String> BUILT_IN = Set.of("INPUT", "FORWARD", "OUTPUT", "PREROUTING", "POSTROUTING");

    SavedRules {
        chains = Map.copyOf(chains);
        hooks = List.copyOf(hooks);
    }

    boolean hasChain(Table table, String chain) {
        return chains.getOrDefault(table, Set.of()).contains(chain);
    }

    static SavedRules parse(String save) {
        return parse(save, FirewallRules.DEFAULT);
    }

    /** Hooks are the built-in chains' jumps into {@code rules}' chains. */
    static SavedRules parse(String save, FirewallRules rules) {
        Map<Table, Set<String>> chains = new EnumMap<>(Table.class);
        List<Hook> hooks = new ArrayList<>();
        Table table = null;
        for (String raw : save.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                table = Table.named(line.substring(1));
            } else if (table == null || line.isEmpty() || line.startsWith("#")) {
                continue;
            } else if (line.startsWith(":")) {
                int sp = line.indexOf(' ');
                chains.computeIfAbsent(table, t -> new HashSet<>()).add(line.substring(1, sp < 0 ? line.length() : sp));
            } else if (line.startsWith("-A ") && isHook(line.split("\\s+"), rules)) {
                hooks.add(new Hook(table, line));
            }
        }
        return new SavedRules(chains, hooks);
    }

    private static boolean isHook(String[] tokens, FirewallRules rules) {
        if (tokens.length < 2 || !BUILT_IN.contains(tokens[1])) {
            return false;
        }
        for (int i = 2; i < tokens.length - 1; i++) {
            if ((tokens[i].equals("-j") || tokens[i].equals("-g")) && rules.isBerthChain(tokens[i + 1])) {
                return true;
            }
        }
        return false;
    }
}
