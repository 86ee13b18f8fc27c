package berth.api.http;

import berth.errors.BerthException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The decoded query string of a request, read the lenient way Docker reads it. */
public record QueryParams(Map<String, List<String>> values) {

    public QueryParams {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.getFirst());
    }

    /** The value, or empty when absent or blank. */
    public Optional<String> nonBlank(String key) {
        return get(key).filter(s -> !s.isBlank());
    }

    public List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Docker's BoolValue: anything but empty, 0, no, false or none is true ({@code 1}, {@code True}, ...). */
    public boolean bool(String key) {
        return get(key).map(QueryParams::parseBool).orElse(false);
    }

    /** Like {@link #bool} but with a default for an absent or empty value. */
    public boolean bool(String key, boolean dflt) {
        return get(key).filter(s -> !s.isBlank()).map(QueryParams::parseBool).orElse(dflt);
    }

    public static boolean parseBool(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        return !(s.isEmpty() || s.equals("0") || s.equals("no") || s.equals("false") || s.equals("none"));
    }

    public Optional<Integer> integer(String key) {
        Optional<String> v = nonBlank(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(v.get().trim()));
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid value for " + key + ": \"" + v.get() + "\" (expected an integer)");
        }
    }

    public Filters filters() {
        return Filters.parse(get("filters").orElse(""));
    }
}
