package berth.build.dockerfile;

import java.util.Objects;

/** One {@code key=value} of ENV or LABEL, as written (quotes kept) until expanded. */
public record KeyValue(String key, String value) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
