/**
 * The image builder ({@code docker build}): {@code dockerfile} parses a Dockerfile into instructions,
 * {@code context} reads a build context and applies {@code .dockerignore}. Execution on the engine
 * (RUN in containers, layers from their changes, the cache) comes on top of these.
 */
package berth.build;
