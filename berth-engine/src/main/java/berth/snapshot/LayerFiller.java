package berth.snapshot;

import berth.archive.UnpackResult;
import java.nio.file.Path;

/** Fills an empty directory with a layer's files (typically by unpacking its tar) and says what it wrote. */
@FunctionalInterface
public interface LayerFiller {
    UnpackResult fill(Path emptyDir);
}
