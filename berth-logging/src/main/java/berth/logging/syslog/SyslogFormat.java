package berth.logging.syslog;

import berth.errors.BerthException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code syslog-format}: how a line is framed into a syslog message, as Docker's syslog library
 * writes it. Every message ends with a newline (the library adds one), which is also the delimiter
 * on stream transports; over {@code tcp+tls} the RFC 5424 forms are octet-counted (RFC 5425).
 */
public enum SyslogFormat {
    /** Docker's default ({@code ""}): {@code <PRI>Mmm dd hh:mm:ss tag[pid]: msg}, no hostname. */
    UNIX,
    /** {@code <PRI>Mmm dd hh:mm:ss host tag[pid]: msg}. */
    RFC3164,
    /** {@code <PRI>1 RFC3339-time host tag pid tag - msg}, the tag as both APP-NAME and MSGID. */
    RFC5424,
    /** RFC5424 with microseconds in the timestamp. */
    RFC5424MICRO;

    // Go's time.Stamp ("Jan _2 15:04:05"): the day padded with a space.
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", Locale.ROOT);

    public static SyslogFormat parse(String value) {
        return switch (value == null ? "" : value) {
            case "" -> UNIX;
            case "rfc3164" -> RFC3164;
            case "rfc5424" -> RFC5424;
            case "rfc5424micro" -> RFC5424MICRO;
            default -> throw BerthException.invalid("Invalid syslog format");
        };
    }

    /** The message's header, up to and including the space before the content. */
    String header(int priority, ZonedDateTime time, String hostname, String tag, long pid) {
        return switch (this) {
            case UNIX -> "<" + priority + ">" + STAMP.format(time) + " " + tag + "[" + pid + "]: ";
            case RFC3164 -> "<" + priority + ">" + STAMP.format(time) + " " + hostname + " " + tag + "[" + pid + "]: ";
            case RFC5424 -> rfc5424(priority, RFC3339.format(time), hostname, tag, pid);
            case RFC5424MICRO -> rfc5424(priority, RFC3339_MICRO.format(time), hostname, tag, pid);
        };
    }

    private static String rfc5424(int priority, String time, String hostname, String tag, long pid) {
        return "<" + priority + ">1 " + time + " " + hostname + " " + tag + " " + pid + " " + tag + " - ";
    }

    /** Octet counting (RFC 5425) applies to the RFC 5424 forms over TLS, as in Docker. */
    boolean octetCounted(SyslogAddress address) {
        return address.protocol().equals("tcp+tls") && (this == RFC5424 || this == RFC5424MICRO);
    }

    /** The complete bytes of one message: header, content, newline, framed for the transport. */
    byte[] encode(int priority, ZonedDateTime time, String hostname, String tag, long pid, byte[] content,
                  boolean octetCounted) {
        byte[] header = header(priority, time, hostname, tag, pid).getBytes(StandardCharsets.UTF_8);
        boolean newline = content.length == 0 || content[content.length - 1] != '\n';
        int length = header.length + content.length + (newline ? 1 : 0);
        byte[] prefix = octetCounted ? (length + " ").getBytes(StandardCharsets.US_ASCII) : new byte[0];
        byte[] out = new byte[prefix.length + length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(header, 0, out, prefix.length, header.length);
        System.arraycopy(content, 0, out, prefix.length + header.length, content.length);
        if (newline) {
            out[out.length - 1] = '\n';
        }
        return out;
    }

    static ZonedDateTime localTime(java.time.Instant instant) {
        return instant.atZone(ZoneId.systemDefault());
    }
}
