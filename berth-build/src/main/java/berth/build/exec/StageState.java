package berth.build.exec;

import berth.content.Digest;
import java.util.Optional;

/** Where a stage is: its image so far, its config, its args, and the little state Docker keeps beside them. */
final class StageState {
    final StepConfig config;
    final BuildArgs args;
    /** The image the next step builds on; empty for {@code FROM scratch} before any step. */
    Optional<Digest> imageId;
    /** MAINTAINER's value: every later commit's author. */
    String maintainer = "";
    /** Whether this stage ran a CMD with arguments (then ENTRYPOINT keeps the CMD; else it resets it). */
    boolean cmdSet;

    StageState(StepConfig config, BuildArgs args, Optional<Digest> imageId) {
        this.config = config;
        this.args = args;
        this.imageId = imageId;
    }
}
