package berth.build.dockerfile;

import berth.errors.BerthException;
import java.util.function.Supplier;

/** Errors worded as Docker's: "Dockerfile parse error line N: what is wrong". */
final class ParseErrors {
    private ParseErrors() {}

    static BerthException at(int line, String what) {
        return BerthException.invalid("Dockerfile parse error line " + line + ": " + what);
    }

    static BerthException at(int line, String what, Throwable cause) {
        return BerthException.invalid("Dockerfile parse error line " + line + ": " + what, cause);
    }

    /** Runs an expansion, naming the instruction's line when the substitution text is bad. */
    static <T> T expanding(SourceLocation location, Supplier<T> body) {
        try {
            return body.get();
        } catch (SubstitutionException e) {
            throw at(location.startLine(), e.getMessage(), e);
        }
    }
}
