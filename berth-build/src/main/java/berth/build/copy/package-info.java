/**
 * COPY and ADD steps, after Docker 20.10's classic builder ({@code builder/dockerfile/copy.go},
 * {@code internals.go}), checked against a reference dockerd 20.10.
 *
 * <ol>
 *   <li>{@link berth.build.copy.CopySteps#prepare} refuses URL sources (berth builds offline), selects
 *       the sources — in the build context through {@link berth.build.context.CopySources}
 *       (wildcards, {@code .dockerignore}), in a {@code --from} container through
 *       {@code archivePath} (wildcards matched on its tree), or inline heredocs — and digests them.
 *       The result's {@code cacheDigest} covers content, modes, owners and links (never times), the
 *       destination and the options; {@code createdBy} is Docker's history text.</li>
 *   <li>{@code applyTo} looks at the destination container ({@code statPath}, and {@code /etc/passwd}
 *       and {@code /etc/group} for {@code --chown} names), plans where each source lands and which
 *       directories are made and by whom ({@link berth.build.copy.CopyPlanner}), then streams one tar
 *       with every entry under its final name, owner and mode into {@code extractToDir(id, "/")}; an ADD
 *       archive goes to {@code extractToDir} of its destination as it is. Nothing is spooled to disk:
 *       {@link berth.build.copy.TarPipe} connects the writer to the engine.</li>
 * </ol>
 *
 * <p>Owners: everything copied from the context is owned by root (or the {@code --chown} owner);
 * {@code COPY --from} without {@code --chown} keeps the source's owners, as Docker 20.10 does;
 * archives keep theirs. {@code --chmod} (which Docker 20.10's classic builder refuses) sets the
 * permission bits of every file and directory copied. Safety comes from the engine: the tar is
 * unpacked with its hostile-tar rules, and every name resolves inside the container's root.
 */
package berth.build.copy;
