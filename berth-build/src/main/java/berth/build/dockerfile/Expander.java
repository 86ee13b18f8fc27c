package berth.build.dockerfile;

import java.util.List;

/**
 * Variable substitution bound to one environment; made by {@link Substitution#expander}. Throws
 * {@link SubstitutionException} for malformed text.
 */
public interface Expander {
    /** One word: variables substituted, quotes and escapes removed, whitespace kept. */
    String word(String text);

    /** Like {@link #word} but split into words at unquoted whitespace (EXPOSE {@code $PORTS}). */
    List<String> words(String text);

    /** A heredoc body: variables substituted, quotes kept, as a shell expands an unquoted heredoc. */
    String heredoc(String body);
}
