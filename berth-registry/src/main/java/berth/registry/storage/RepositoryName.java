package berth.registry.storage;

import java.util.regex.Pattern;

/** A repository name ({@code library/busybox}), validated by the spec's regular expression. */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    /** Docker's registry refuses longer names; clients cap host + name at 255 characters. */
    static final int MAX_LENGTH = 255;

    public RepositoryName {
        if (value == null || value.length() > MAX_LENGTH || !NAME.matcher(value).matches()) {
            throw new RegistryException(RegistryError.NAME_INVALID, "invalid repository name: " + value
                    + " (lowercase letters, digits and separators '.', '_', '__', '-', '/'; at most " + MAX_LENGTH + " characters)");
        }
    }

    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
