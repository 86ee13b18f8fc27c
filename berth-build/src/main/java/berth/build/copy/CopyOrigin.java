package berth.build.copy;

/** Where a COPY/ADD step's sources come from: the build context, or ({@code --from}) an image's files. */
public sealed interface CopyOrigin {
    /** The build context (what the client uploaded, .dockerignore applied). */
    record Context(berth.build.context.BuildContext context) implements CopyOrigin {}

    /**
     * A stage's result or an image, seen through a container the executor created from it (never
     * started); read with {@link berth.container.ContainerService#archivePath}.
     */
    record Container(String containerId) implements CopyOrigin {}
}
