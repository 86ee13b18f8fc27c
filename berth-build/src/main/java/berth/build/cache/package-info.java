/**
 * The layer cache. The images are the image store's (a build's intermediate images); this package keeps
 * only the index from a step's {@link berth.build.cache.CacheKey} to the image it made
 * ({@link berth.build.cache.BuildCache}: {@code <data-root>/builder/cache/<key-id>.json}, one small
 * file per entry, written atomically), and accounts for it ({@link berth.build.cache.CacheUsage}:
 * {@code system df}'s BuildCache and {@code builder prune}).
 *
 * <p>A hit needs the same parent image, the same history text (so the same build args in scope),
 * the same resulting config and the same COPY/ADD content digest, and an image that still exists. A
 * prune deletes only images the cache alone keeps: not tagged, not an ancestor of a tagged image, not
 * used by a container, not pinned by a running build.
 */
package berth.build.cache;
