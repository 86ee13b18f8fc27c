package berth.registry.storage;

import berth.errors.BerthException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The spec's {@code n}/{@code last} pagination over a listing. */
final class Paging {
    /** The spec's "lexical order (i.e. case-insensitive alphanumeric order)", ties broken by case. */
    static final Comparator<String> LEXICAL = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private Paging() {}

    /**
     * The entries strictly after {@code last} (which need not exist) in {@code order}, at most {@code n}
     * of them; {@code n = 0} gives an empty page with nothing more, as the spec requires.
     */
    static Page page(List<String> entries, Comparator<String> order, OptionalInt n, Optional<String> last) {
        if (n.isPresent() && n.getAsInt() < 0) {
            throw BerthException.invalid("invalid page size n=" + n.getAsInt() + " (must be 0 or more)");
        }
        List<String> after = entries.stream()
                .filter(e -> last.isEmpty() || order.compare(e, last.get()) > 0)
                .sorted(order)
                .toList();
        if (n.isEmpty()) {
            return new Page(after, false);
        }
        int limit = n.getAsInt();
        if (limit == 0) {
            return new Page(List.of(), false);
        }
        return new Page(after.subList(0, Math.min(limit, after.size())), after.size() > limit);
    }
}
