package berth.container;

import java.util.Locale;

/** Docker's container statuses, as {@code State.Status} spells them in lower case. */
public enum ContainerStatus {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
