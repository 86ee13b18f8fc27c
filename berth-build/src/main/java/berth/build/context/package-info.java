/**
 * The build context as the daemon receives it, and the {@code .dockerignore} rules, after Docker
 * 20.10's classic builder.
 *
 * <ul>
 *   <li>{@link berth.build.context.DockerIgnore} reads a {@code .dockerignore};
 *       {@link berth.build.context.IgnoreMatcher} applies its rules ({@code *}, {@code ?},
 *       {@code [...]}, {@code **}, {@code !} exceptions, last match wins) to paths and walks.</li>
 *   <li>{@link berth.build.context.ContextReader} unpacks the body of {@code POST /build} (a tar,
 *       maybe compressed, or a bare Dockerfile) into a {@link berth.build.context.BuildContext}.</li>
 *   <li>{@link berth.build.context.CopySources} selects what a COPY/ADD copies and computes the
 *       digest the layer cache keys the step on.</li>
 * </ul>
 *
 * <p>On disk: each context lives in {@code <workDir>/context-<random>/context/} (the directory
 * above it is mode 0700, so no other user reaches the files whatever their modes), deleted when the
 * {@code BuildContext} is closed. Names in it are resolved chroot-style ({@link
 * berth.archive.RootedTree}) both when unpacking and when selecting COPY sources.
 */
package berth.build.context;
