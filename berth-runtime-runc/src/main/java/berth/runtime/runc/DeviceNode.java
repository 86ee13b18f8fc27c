package berth.runtime.runc;

/**
 * A device node as the OCI spec's linux.devices wants it.
 *
 * @param path     where it appears in the container
 * @param type     'c' (character) or 'b' (block)
 * @param fileMode permission bits (e.g. 0666)
 */
record DeviceNode(String path, char type, long major, long minor, int fileMode, int uid, int gid) {
    DeviceNode {
        if (type != 'c' && type != 'b') {
            throw new IllegalArgumentException("device type must be 'c' or 'b', not " + type);
        }
    }

    DeviceNode at(String containerPath) {
        return new DeviceNode(containerPath, type, major, minor, fileMode, uid, gid);
    }
}
