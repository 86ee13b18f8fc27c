package berth.registry.auth;

import java.util.Optional;

/** The outcome of checking a request's credentials against the access it needs. */
public sealed interface Decision {
    /** Go ahead; {@code user} is who asked (empty: anonymous). */
    record Allowed(Optional<String> user) implements Decision {}

    /** 401 with this {@code WWW-Authenticate} challenge: no, wrong or insufficient credentials. */
    record Unauthorized(String challenge, String message) implements Decision {}

    /** 403: the user is known and may not do this. */
    record Denied(String message) implements Decision {}
}
