package berth.registry.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * One registry event as Docker Distribution reports it: what happened ({@code push}, {@code pull},
 * {@code delete}) to which manifest or blob, and who asked.
 */
public record Event(
        String id,
        Instant timestamp,
        String action,
        String repository,
        Optional<String> mediaType,
        String digest,
        long size,
        Optional<String> tag,
        String url,
        String requestMethod,
        String requestAddr,
        String requestHost,
        String userAgent,
        Optional<String> actor) {
    public static final String PUSH = "push";
    public static final String PULL = "pull";
    public static final String DELETE = "delete";
}
