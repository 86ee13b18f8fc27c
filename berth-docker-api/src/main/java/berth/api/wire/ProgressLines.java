package berth.api.wire;

import berth.image.Progress;
import java.util.Optional;

/**
 * Turns the engine's typed {@link Progress} events into lines of Docker's JSON progress stream.
 *
 * <p>A {@link Progress.Item} is a layer's line: {@code {"status":"Downloading","progressDetail":
 * {"current":1,"total":2},"progress":"[>  ] 1B/2B","id":"a3ed95caeb02"}}. A {@link Progress.Status}
 * is a plain {@code {"status":…}} line, except pull's opening "Pulling from library/busybox", which
 * dockerd sends with the tag (or digest) as its id so the CLI prints {@code latest: Pulling from …}.
 */
public final class ProgressLines {
    private static final String PULLING_FROM = "Pulling from ";

    private ProgressLines() {}

    /** @param headingId the id of pull's "Pulling from" line (the tag or digest); empty elsewhere */
    public static ImageDtos.ProgressLine of(Progress event, Optional<String> headingId) {
        return switch (event) {
            case Progress.Status s -> s.message().startsWith(PULLING_FROM) && headingId.isPresent()
                    ? ImageDtos.ProgressLine.status(s.message(), headingId.get())
                    : ImageDtos.ProgressLine.status(s.message());
            // a heading sent as an item is still a heading: no progressDetail, or the CLI would
            // give it a redrawn line of its own
            case Progress.Item i when i.status().startsWith(PULLING_FROM) ->
                    ImageDtos.ProgressLine.status(i.status(), i.id().isEmpty() ? headingId.orElse(null) : i.id());
            case Progress.Item i -> ImageDtos.ProgressLine.item(i.id(), i.status(), i.current(), i.total());
        };
    }
}
