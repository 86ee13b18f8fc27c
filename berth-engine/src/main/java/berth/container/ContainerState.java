package berth.container;

import java.time.Instant;
import java.util.Optional;

/** The observable state of a container ({@code State} in inspect). */
public record ContainerState(
        ContainerStatus status,
        int pid,
        int exitCode,
        String error,
        boolean oomKilled,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt) {

    public boolean running() {
        return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED
                || status == ContainerStatus.RESTARTING;
    }

    public static ContainerState created() {
        return new ContainerState(ContainerStatus.CREATED, 0, 0, "", false, Optional.empty(), Optional.empty());
    }
}
