package berth.build;

/**
 * Where a build's progress goes. The API turns each call into one object of the JSON stream
 * ({@code {"stream":...}}, {@code {"aux":{"ID":...}}}); {@code berth build} prints the text.
 */
public interface BuildOutput {
    /**
     * Text for the user, newlines included, in the classic builder's words: {@code "Step 1/7 : FROM busybox\n"},
     * {@code " ---> Using cache\n"}, {@code " ---> 3f2a9c1d8e7b\n"}, a RUN step's output as it comes,
     * {@code "Removing intermediate container 1a2b3c4d5e6f\n"}, {@code "Successfully built 3f2a9c1d8e7b\n"},
     * {@code "Successfully tagged busybox:mine\n"}.
     */
    void stream(String text);

    /** The built image's ID, once, before "Successfully built" (the CLI's {@code --iidfile} reads it). */
    void imageId(berth.content.Digest id);

    /**
     * Registers what to do when whoever asked for the build has gone (the API's client disconnected), as
     * dockerd cancels a build then: the builder kills the running step and stops, leaving nothing behind.
     * Called once, before the first step; the action may run on any thread. Output that cannot tell never calls it.
     */
    default void onCancel(Runnable action) {
    }

    /** Output that goes nowhere (for {@code q=1} the API prints only the ID). */
    BuildOutput DISCARD = new BuildOutput() {
        @Override
        public void stream(String text) {
        }

        @Override
        public void imageId(berth.content.Digest id) {
        }
    };
}
