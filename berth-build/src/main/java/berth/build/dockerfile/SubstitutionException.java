package berth.build.dockerfile;

/**
 * Malformed substitution text: an unterminated quote or brace, an unsupported modifier, or a
 * {@code ${var:?message}} whose variable is unset. The instruction that expands turns it into a
 * BerthException naming its line.
 */
public final class SubstitutionException extends RuntimeException {
    public SubstitutionException(String message) {
        super(message);
    }
}
