package berth.volume;

import java.util.List;

/** Which containers use a volume; the container service answers, so removal can refuse a volume in use. */
@FunctionalInterface
public interface VolumeUsage {
    VolumeUsage NONE = name -> List.of();

    /** IDs of the containers (running or not) whose mount points name the volume. */
    List<String> users(String volumeName);
}
