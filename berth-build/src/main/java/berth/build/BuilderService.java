package berth.build;

import java.io.InputStream;

/**
 * The image builder as the API and CLI see it: {@code POST /build}, {@code POST /build/prune} and the
 * build cache part of {@code GET /system/df}. The daemon makes one ({@link berth.build.exec.LocalBuilder});
 * the API's wire tests use a fake.
 */
public interface BuilderService {
    /**
     * Builds an image from a Dockerfile in a build context, as Docker 20.10's classic builder does.
     *
     * @param request     the parsed query of {@code POST /build}
     * @param contextBody the request body: a (possibly compressed) tar of the context, or a bare Dockerfile
     * @param out         where the progress goes, in the order the CLI prints it; called on the build's thread
     * @return the built image, tagged with every {@code request.tags()}
     * @throws berth.errors.BerthException with the message the CLI prints on failure (INVALID_ARGUMENT
     *         for a bad Dockerfile or context, NOT_FOUND for an unknown base image, and a RUN step that
     *         fails says "The command '...' returned a non-zero code: N"); what the build made of
     *         finished steps stays as cache, and nothing else is left behind
     */
    BuildResult build(BuildRequest request, InputStream contextBody, BuildOutput out);

    /** {@code POST /build/prune}: drops cache entries (and the intermediate images only they keep). */
    BuildCachePruneReport prune(BuildCachePruneOptions options);

    /** The cache entries, for {@code GET /system/df}'s {@code BuildCache} and {@code builder du}. */
    java.util.List<BuildCacheRecord> cacheUsage();
}
