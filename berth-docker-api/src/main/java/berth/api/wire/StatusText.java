package berth.api.wire;

import berth.container.ContainerState;
import java.time.Duration;
import java.time.Instant;

/** The {@code Status} column of {@code docker ps}, rendered by the server as Docker's State.String(). */
public final class StatusText {
    private StatusText() {}

    public static String of(ContainerState s, Instant now) {
        switch (s.status()) {
            case RUNNING, PAUSED -> {
                String up = "Up " + HumanDuration.of(since(s.startedAt().orElse(now), now));
                if (s.status() == berth.container.ContainerStatus.PAUSED) {
                    return up + " (Paused)";
                }
                return s.health().map(h -> up + " (" + (h.status().equals("starting") ? "health: starting" : h.status()) + ")")
                        .orElse(up);
            }
            case RESTARTING -> {
                return "Restarting (" + s.exitCode() + ") " + HumanDuration.of(since(s.finishedAt().orElse(now), now)) + " ago";
            }
            case REMOVING -> {
                return "Removal In Progress";
            }
            case DEAD -> {
                return "Dead";
            }
            default -> {
                if (s.startedAt().isEmpty()) {
                    return "Created";
                }
                if (s.finishedAt().isEmpty()) {
                    return "";
                }
                return "Exited (" + s.exitCode() + ") " + HumanDuration.of(since(s.finishedAt().get(), now)) + " ago";
            }
        }
    }

    private static Duration since(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
