package berth.registry.storage;

import java.util.List;

/**
 * One page of a listing (tags or catalog) in the spec's order; {@code more} says whether entries
 * follow, so the HTTP layer knows to send a {@code Link: <…?n=…&last=…>; rel="next"} header.
 */
public record Page(List<String> items, boolean more) {
    public Page {
        items = List.copyOf(items);
    }
}
