package berth.network.cni;

import berth.errors.BerthException;
import berth.sys.LinkFlags;
import berth.sys.NetNamespace;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Brings a new network namespace's loopback up, as Docker does for every container: two ioctls from
 * inside the namespace (what the CNI {@code loopback} plugin does, without starting a process).
 */
public final class Loopback {
    public void up(String containerId, Path netns) {
        try {
            NetNamespace.call(netns, () -> {
                LinkFlags.up("lo");
                return null;
            });
        } catch (IOException e) {
            throw BerthException.internal("cannot bring up the loopback of container " + containerId + ": "
                    + e.getMessage(), e);
        }
    }
}
