package berth.registry.storage;

import java.util.Objects;

/**
 * An expected failure of the registry's storage, carrying the distribution-spec code the HTTP layer
 * answers with. I/O failures are not this: they surface as {@code BerthException} of kind INTERNAL.
 */
public final class RegistryException extends RuntimeException {
    private final RegistryError code;

    public RegistryException(RegistryError code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    public RegistryError code() {
        return code;
    }
}
