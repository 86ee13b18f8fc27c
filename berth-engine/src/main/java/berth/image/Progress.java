package berth.image;

/**
 * Typed progress events of long image operations (load, import, later pull/push). The API adapter
 * turns them into Docker's JSON progress stream; the CLI prints them.
 */
public sealed interface Progress {
    /** A plain status line, e.g. "Loaded image: busybox:latest". */
    record Status(String message) implements Progress {}

    /** Progress of one item (a layer), e.g. id "a3ed95caeb02", status "Loading layer", current/total bytes. */
    record Item(String id, String status, long current, long total) implements Progress {}

    /** Receives events; implementations must be cheap and must not throw. */
    @FunctionalInterface
    interface Listener {
        void on(Progress event);

        Listener NONE = event -> {};
    }
}
