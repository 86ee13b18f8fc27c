package berth.container;

/**
 * A container's mount point backed by a volume (Docker's MountPoint of type "volume").
 *
 * @param name        the volume's name (64 hex for an anonymous one)
 * @param destination the absolute path in the container
 * @param readOnly    {@code :ro} or {@code readonly}
 * @param mode        the mode part of a {@code -v} spec as given ("ro", "nocopy", ""), for inspect
 * @param copyData    fill the volume with the image's content at {@code destination} while it is empty
 *                    (false with {@code nocopy})
 * @param bindSpec    the {@code -v} string that asked for it ("" for --mount, image VOLUME and
 *                    Config.Volumes), shown back in inspect's HostConfig.Binds
 * @param source      the host directory bound into the container
 */
public record VolumeMount(String name, String destination, boolean readOnly, String mode, boolean copyData,
        boolean anonymous, String bindSpec, String source) {
    public VolumeMount {
        mode = mode == null ? "" : mode;
        bindSpec = bindSpec == null ? "" : bindSpec;
        source = source == null ? "" : source;
    }

    public VolumeMount withReadOnly(boolean ro, String newMode) {
        return new VolumeMount(name, destination, ro, newMode, false, anonymous, "", source);
    }
}
