package berth.container;

import berth.errors.BerthException;

/** {@code POST /containers/{id}/wait?condition=}. */
public enum WaitCondition {
    /** Returns at once if the container is not running, else when it stops (the default). */
    NOT_RUNNING,
    /** Returns when the container next exits, even if it is not running now. */
    NEXT_EXIT,
    /** Returns when the container has been removed. */
    REMOVED;

    public static WaitCondition parse(String s) {
        if (s == null || s.isEmpty() || s.equals("not-running")) {
            return NOT_RUNNING;
        }
        return switch (s) {
            case "next-exit" -> NEXT_EXIT;
            case "removed" -> REMOVED;
            default -> throw BerthException.invalid("invalid condition: \"" + s + "\"");
        };
    }
}
