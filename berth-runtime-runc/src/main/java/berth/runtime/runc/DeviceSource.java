package berth.runtime.runc;

import java.util.List;

/** Where device nodes come from: the host's /dev in production, a fixed table in tests. */
interface DeviceSource {
    /**
     * The device at {@code hostPath}, or every device below it when it is a directory; each with
     * {@code path} still the host path.
     *
     * @throws berth.errors.BerthException INVALID_ARGUMENT when the path does not exist or is not a device
     */
    List<DeviceNode> lookup(String hostPath);

    /** Every device of the host, as a privileged container gets them. */
    List<DeviceNode> all();
}
