/**
 * The build executor: {@link berth.build.exec.LocalBuilder} runs a Dockerfile on the engine as Docker
 * 20.10's classic builder does ({@code DOCKER_BUILDKIT=0 docker build}).
 *
 * <p>A build ({@code BuildRun}) reads the context, parses the Dockerfile, checks up front what can be
 * checked without running anything (tags, {@code --target}, {@code COPY --from} stage references,
 * COPY/ADD sources written without variables), then runs the global ARGs and every stage up to the
 * target (as Docker does, also stages the target does not need), printing Docker's progress text.
 * Each step makes an untagged image whose parent is the previous step's:
 * <ul>
 *   <li>config-only instructions ({@code MetadataSteps}: ENV, LABEL, CMD, ...) commit an empty layer,
 *       no container;</li>
 *   <li>RUN creates a container on the current image (exec form as is, shell form behind SHELL, build
 *       args in its environment), streams its output, and commits its changes
 *       ({@code ContainerService.commitBuildStep}); WORKDIR makes its directory in a container likewise;</li>
 *   <li>COPY/ADD hand the copying to {@code berth.build.copy} and commit the container it wrote into.</li>
 * </ul>
 * History entries read as Docker's ({@code /bin/sh -c #(nop)  ENV A=b}, {@code |1 V=2 /bin/sh -c make},
 * Go's {@code %q} of CMD and HEALTHCHECK), since {@code docker history} and cache-from compare them.
 *
 * <p>Every step is first looked up in the layer cache ({@link berth.build.cache}) by its parent image,
 * its history text (which carries the build args in scope), the config it leaves and, for COPY/ADD,
 * the content digest; then in the {@code --cache-from} images ({@code CacheFrom}). {@code --squash}
 * merges the final stage's layers into one ({@code Squash}, {@code LayerMerge}).
 *
 * <p>On disk: {@code <data-root>/builder/tmp/} holds contexts being unpacked (wiped at start),
 * {@code <data-root>/builder/cache/} the cache index.
 */
package berth.build.exec;
