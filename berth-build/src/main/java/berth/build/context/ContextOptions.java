package berth.build.context;

import berth.errors.BerthException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a build context: the {@code dockerfile} and {@code remote} parameters of
 * {@code POST /build}, a cap on its size, and where to unpack it.
 *
 * @param dockerfile the Dockerfile's path inside the context ({@code -f}); empty means {@code Dockerfile}
 * @param remote the {@code remote} parameter (a URL to fetch the context from), if given
 * @param maxBytes the most uncompressed bytes of context accepted
 * @param workDir a private directory (mode 0700) under which each context gets its own directory
 */
public record ContextOptions(String dockerfile, Optional<String> remote, long maxBytes, Path workDir) {
    /** Docker's default Dockerfile name. */
    public static final String DEFAULT_DOCKERFILE = "Dockerfile";
    /** Default cap: Docker has none, but an unbounded upload must not fill the data disk. */
    public static final long DEFAULT_MAX_BYTES = 16L << 30;

    public ContextOptions {
        dockerfile = dockerfile == null || dockerfile.isEmpty() ? DEFAULT_DOCKERFILE : dockerfile;
        remote = Objects.requireNonNull(remote).filter(r -> !r.isEmpty());
        Objects.requireNonNull(workDir);
        if (maxBytes <= 0) {
            throw BerthException.invalid("the build context size limit must be positive, not " + maxBytes);
        }
    }

    /** A context in the request body, with the default Dockerfile name and size cap. */
    public static ContextOptions inBody(Path workDir) {
        return new ContextOptions(DEFAULT_DOCKERFILE, Optional.empty(), DEFAULT_MAX_BYTES, workDir);
    }

    public ContextOptions withDockerfile(String name) {
        return new ContextOptions(name, remote, maxBytes, workDir);
    }

    public ContextOptions withRemote(String url) {
        return new ContextOptions(dockerfile, Optional.ofNullable(url), maxBytes, workDir);
    }

    public ContextOptions withMaxBytes(long limit) {
        return new ContextOptions(dockerfile, remote, limit, workDir);
    }
}
