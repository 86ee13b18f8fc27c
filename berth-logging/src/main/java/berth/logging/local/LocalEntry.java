package berth.logging.local;

import java.util.Objects;
import java.util.Optional;

/**
 * Docker's {@code logdriver.LogEntry} (api/types/plugins/logdriver/entry.proto): one record of the local
 * driver's files.
 *
 * @param source  {@code stdout} or {@code stderr}
 * @param partial set on every piece of a line that came in pieces, the last one included
 * @param partialMetadata the piece's place in its line, when {@code partial}
 */
record LocalEntry(String source, long timeNano, byte[] line, boolean partial, Optional<PartialMetadata> partialMetadata) {
    LocalEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(partialMetadata, "partialMetadata");
    }

    /**
     * {@code PartialLogEntryMetadata}: the pieces of one line share an {@code id}, count {@code ordinal} up from 1,
     * and the final piece has {@code last}.
     */
    record PartialMetadata(boolean last, String id, int ordinal) {
        PartialMetadata {
            Objects.requireNonNull(id, "id");
        }
    }
}
