package berth.logging.fluentd;

import berth.logs.StreamType;
import berth.logs.driver.LogMessage;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's partial-message metadata for a line cut into pieces: every piece, the last included, gets
 * {@code partial_message=true}, the group's {@code partial_id} (64 hex digits), its 1-based
 * {@code partial_ordinal} and {@code partial_last}. A {@link LogMessage} only says "the line goes on",
 * so the groups are followed here, per stream. Not thread-safe: one per driver, used from its log thread.
 */
final class PartialMarker {
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Group(String id, int ordinal) {}

    private final Map<StreamType, Group> open = new EnumMap<>(StreamType.class);

    /** The partial_* fields for {@code message}; empty for a whole line. */
    Map<String, String> fields(LogMessage message) {
        Group previous = open.get(message.stream());
        if (previous == null && !message.partial()) {
            return Map.of();
        }
        Group group = previous == null ? new Group(newId(), 1) : new Group(previous.id(), previous.ordinal() + 1);
        if (message.partial()) {
            open.put(message.stream(), group);
        } else {
            open.remove(message.stream());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("partial_message", "true");
        fields.put("partial_id", group.id());
        fields.put("partial_ordinal", Integer.toString(group.ordinal()));
        fields.put("partial_last", Boolean.toString(!message.partial()));
        return fields;
    }

    private static String newId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
