package berth.logging;

import berth.errors.BerthException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The {@code --log-opt} keys a driver takes: the check every driver makes, each with its own words in dockerd. */
public final class LogOptKeys {
    private LogOptKeys() {}

    /**
     * INVALID_ARGUMENT when {@code config} has a key outside {@code accepted}: {@code wording} with {@code %s} for
     * the key, as that driver words it in dockerd ("unknown log opt '%s' for json-file log driver"). Of several
     * unknown keys the first in sorted order is named (dockerd names whichever its map yields first).
     */
    public static void requireKnown(Map<String, String> config, Set<String> accepted, String wording) {
        for (String key : new TreeSet<>(config.keySet())) {
            if (!accepted.contains(key)) {
                throw BerthException.invalid(String.format(wording, key));
            }
        }
    }
}
