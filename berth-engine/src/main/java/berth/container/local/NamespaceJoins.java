package berth.container.local;

import berth.container.Container;
import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns {@code --ipc container:x} and {@code --pid container:x} into the namespaces to join, at start
 * (moby getIpcContainer, getPidContainer): the other container must exist and run; for IPC it must
 * also have agreed to share (--ipc shareable, or the host's IPC), as Docker requires.
 */
final class NamespaceJoins {
    private static final String CONTAINER = "container:";

    private NamespaceJoins() {}

    /**
     * @param lookup a container by name or id; throws NOT_FOUND ("No such container: x")
     * @return OCI namespace type → /proc/&lt;pid&gt;/ns/&lt;type&gt; of the running target
     */
    static Map<String, Path> resolve(HostConfig h, Function<String, Container> lookup) {
        Map<String, Path> joins = new HashMap<>();
        if (h.ipcMode().startsWith(CONTAINER)) {
            String ref = h.ipcMode().substring(CONTAINER.length());
            String context = "can't join IPC of container " + ref;
            Container donor = running(ref, lookup, context);
            String mode = donor.hostConfig().ipcMode();
            if (!mode.equals("shareable") && !mode.equals("host")) {
                throw BerthException.conflict(context
                        + ": non-shareable IPC (hint: use IpcMode:shareable for the donor container)");
            }
            joins.put("ipc", Path.of("/proc", Integer.toString(donor.state().pid()), "ns", "ipc"));
        }
        if (h.pidMode().startsWith(CONTAINER)) {
            String ref = h.pidMode().substring(CONTAINER.length());
            Container target = running(ref, lookup, "cannot join PID of a non running container: " + ref);
            joins.put("pid", Path.of("/proc", Integer.toString(target.state().pid()), "ns", "pid"));
        }
        return joins;
    }

    private static Container running(String ref, Function<String, Container> lookup, String context) {
        Container c;
        try {
            c = lookup.apply(ref);
        } catch (BerthException e) {
            throw new BerthException(e.kind(), context + ": " + e.getMessage(), e);
        }
        if (!c.state().running() || c.state().pid() <= 0) {
            throw new BerthException(ErrorKind.CONFLICT, context + ": Container " + c.id() + " is not running");
        }
        return c;
    }
}
