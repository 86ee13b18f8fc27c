package berth.build.dockerfile;

import java.util.Objects;
import java.util.Optional;

/** One name of an ARG instruction with its optional default ({@code ARG name} or {@code ARG name=default}). */
public record ArgDeclaration(String name, Optional<String> defaultValue) {
    public ArgDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }
}
