package berth.build.dockerfile;

/**
 * An instruction whose arguments take Dockerfile variable substitution ({@code $var}, {@code ${var:-x}}
 * and quote removal). The executor calls {@link #expand} with the build args and ENV in scope at that
 * step; the record returned holds the final values. Instructions that are not Expandable (RUN, CMD,
 * ENTRYPOINT, SHELL, HEALTHCHECK, ONBUILD, MAINTAINER) are used as parsed.
 *
 * @param <T> the instruction type itself
 */
public interface Expandable<T extends Instruction> {
    /**
     * @return a copy with every expandable argument substituted
     * @throws berth.errors.BerthException INVALID_ARGUMENT naming the line, for a bad substitution
     */
    T expand(Expander expander);
}
