package berth.logging.gelf;

import berth.logging.tag.ExtraAttributes;
import berth.logs.StreamType;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogMessage;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a line into a GELF 1.1 message as Docker sends it: {@code version}, {@code host},
 * {@code short_message}, {@code timestamp} (seconds, millisecond precision), {@code level} (6 for
 * stdout, 3 for stderr), then the container's fields ({@code _container_id}, {@code _container_name},
 * {@code _image_id}, {@code _image_name}, {@code _tag}, {@code _created}) and the {@code labels}/{@code env}
 * attributes with a {@code _} prefix. The per-container part is serialized once.
 */
final class GelfEncoder {
    private static final int LEVEL_ERR = 3;
    private static final int LEVEL_INFO = 6;
    private static final JsonFactory JSON = new JsonFactory();
    // Go's RFC3339Nano: fraction without trailing zeros.
    private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final String hostname;
    private final byte[] extraFields;

    GelfEncoder(LogContext context, String hostname, String tag) {
        this.hostname = hostname;
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("_container_id", context.containerId());
        extra.put("_container_name", name(context.containerName()));
        extra.put("_image_id", context.imageId());
        extra.put("_image_name", context.imageName());
        extra.put("_tag", tag);
        if (context.created() != null) {
            extra.put("_created", rfc3339Nano(context.created()));
        }
        extra.putAll(ExtraAttributes.of(context, key -> key.startsWith("_") ? key : "_" + key));
        this.extraFields = fields(extra);
    }

    byte[] encode(LogMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.line().length + extraFields.length + 128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", "1.1");
            json.writeStringField("host", hostname);
            json.writeStringField("short_message", new String(message.line(), StandardCharsets.UTF_8));
            json.writeFieldName("timestamp");
            json.writeNumber(seconds(message.timestamp()));
            json.writeNumberField("level", message.stream() == StreamType.STDERR ? LEVEL_ERR : LEVEL_INFO);
            json.flush();
            out.write(extraFields);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Seconds since the epoch with milliseconds, written as Go writes a float64 (no exponent). */
    static BigDecimal seconds(Instant time) {
        BigDecimal seconds = BigDecimal.valueOf(time.toEpochMilli(), 3).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    static String rfc3339Nano(Instant time) {
        String fraction = time.getNano() == 0 ? "" : "." + String.format("%09d", time.getNano()).replaceAll("0+$", "");
        return RFC3339_NANO.format(time) + fraction + "Z";
    }

    /** {@code ,"k":"v",...}: the members to splice in before the closing brace. */
    private static byte[] fields(Map<String, String> extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (var e : extra.entrySet()) {
                json.writeStringField(e.getKey(), e.getValue() == null ? "" : e.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] object = out.toByteArray();
        if (extra.isEmpty()) {
            return new byte[0];
        }
        // {"a":..} -> ,"a":..
        byte[] members = new byte[object.length - 1];
        members[0] = ',';
        System.arraycopy(object, 1, members, 1, object.length - 2);
        return members;
    }

    private static String name(String containerName) {
        if (containerName == null) {
            return "";
        }
        return containerName.startsWith("/") ? containerName.substring(1) : containerName;
    }
}
