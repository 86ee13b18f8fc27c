package berth.registry.storage;

import java.util.regex.Pattern;

/** A tag, validated by the spec's regular expression (which also keeps it a safe file name). */
public record Tag(String value) {
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    public Tag {
        if (value == null || !TAG.matcher(value).matches()) {
            throw new RegistryException(RegistryError.TAG_INVALID,
                    "invalid tag: " + value + " (letters, digits, '_', '.', '-', not starting with '.' or '-', at most 128 characters)");
        }
    }

    public static Tag of(String value) {
        return new Tag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
