package berth.container;

import java.time.Instant;
import java.util.Optional;

/** The observable state of a container ({@code State} in inspect); {@code health} only for a container with a health check. */
public record ContainerState(
        ContainerStatus status,
        int pid,
        int exitCode,
        String error,
        boolean oomKilled,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<Health> health) {

    public ContainerState {
        health = health == null ? Optional.empty() : health;
    }

    /** A state without a health check result. */
    public ContainerState(ContainerStatus status, int pid, int exitCode, String error, boolean oomKilled,
            Optional<Instant> startedAt, Optional<Instant> finishedAt) {
        this(status, pid, exitCode, error, oomKilled, startedAt, finishedAt, Optional.empty());
    }

    public ContainerState withHealth(Optional<Health> h) {
        return new ContainerState(status, pid, exitCode, error, oomKilled, startedAt, finishedAt, h);
    }

    public boolean running() {
        return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED
                || status == ContainerStatus.RESTARTING;
    }

    public static ContainerState created() {
        return new ContainerState(ContainerStatus.CREATED, 0, 0, "", false, Optional.empty(), Optional.empty());
    }
}
