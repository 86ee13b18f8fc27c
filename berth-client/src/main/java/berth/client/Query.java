package berth.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A URL query string built in order, with values percent-encoded the way Go's url.Values does. */
public final class Query {
    private final List<String> pairs = new ArrayList<>();

    public static Query of() {
        return new Query();
    }

    public Query add(String name, String value) {
        pairs.add(encode(name) + "=" + encode(value));
        return this;
    }

    /** Adds the parameter only when the value is non-null and not empty. */
    public Query addIfPresent(String name, String value) {
        if (value != null && !value.isEmpty()) {
            add(name, value);
        }
        return this;
    }

    /** Adds {@code name=1} when the flag is set; the daemon reads absence as false. */
    public Query flag(String name, boolean set) {
        if (set) {
            add(name, "1");
        }
        return this;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** "" or "?a=1&b=2". */
    public String toQueryString() {
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    /** Percent-encodes one path segment (an image name may hold '/' and ':', which stay as they are). */
    public static String pathSegment(String value) {
        return encode(value).replace("%2F", "/").replace("%3A", ":").replace("+", "%20");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
