package berth.image;

import java.time.Instant;
import java.util.Optional;

/** One step of an image's history, as in the image config's {@code history} array. */
public record HistoryEntry(Optional<Instant> created, String createdBy, String comment, boolean emptyLayer) {}
