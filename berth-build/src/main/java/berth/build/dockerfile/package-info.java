/**
 * The Dockerfile parser: text in, a {@link berth.build.dockerfile.Dockerfile} of sealed
 * {@link berth.build.dockerfile.Instruction} records out, with Docker's rules and error wording.
 *
 * <p>The pieces, in the order an executor uses them:
 * <ol>
 *   <li>{@link berth.build.dockerfile.DockerfileParser#parse} reads directives, comments,
 *       continuations and heredocs and makes one record per instruction, each with its
 *       {@link berth.build.dockerfile.SourceLocation} (lines and text, for history's CreatedBy).
 *   <li>{@link berth.build.dockerfile.BuildStages#of} cuts the instructions into stages, keeps the
 *       global ARGs, finds the {@code --target} stage and resolves {@code FROM}/{@code COPY --from}
 *       references to earlier stages.
 *   <li>Before running a step, the executor expands an {@link berth.build.dockerfile.Expandable}
 *       instruction with {@link berth.build.dockerfile.Substitution#expander} over the build args and
 *       ENV in scope; RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK are not expanded (the shell does it).
 * </ol>
 *
 * <p>The reference is Docker's classic builder (20.10) and the Dockerfile reference; heredocs and
 * {@code ${var-word}}/{@code ${var+word}}/{@code ${var:?message}} follow the newer Dockerfile syntax.
 * BuildKit-only flags ({@code RUN --mount}, {@code RUN --security}, {@code ADD --checksum},
 * {@code COPY --parents/--exclude}) are refused with a clear error rather than ignored.
 */
package berth.build.dockerfile;
