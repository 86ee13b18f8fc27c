package berth.api;

import berth.container.ContainerService;
import berth.image.ImageService;
import java.nio.file.Path;

final class TestInfo {
    private TestInfo() {}

    static DaemonInfo info(Path dataRoot, ImageService images, ContainerService containers) {
        return DaemonInfo.probe("0.1.0-test", "TEST-ID", dataRoot, images, containers);
    }
}
