package berth.logging.tag;

import berth.errors.BerthException;
import berth.logs.driver.LogContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Docker's log tag templates ({@code --log-opt tag=...}, loggerutils.ParseLogTag): Go-template field
 * references such as {@code {{.Name}}/{{.ID}}} in plain text. Only field references are supported
 * (with Go's {@code {{- -}}} trim markers); other template syntax is refused rather than printed raw.
 */
public final class LogTag {
    /** Docker's default tag: the short container ID. */
    public static final String DEFAULT_TEMPLATE = "{{.ID}}";

    private static final Map<String, Function<LogContext, String>> FIELDS = Map.ofEntries(
            Map.entry("ID", ctx -> truncateId(ctx.containerId())),
            Map.entry("FullID", LogContext::containerId),
            Map.entry("ContainerID", LogContext::containerId),
            Map.entry("Name", ctx -> stripSlash(ctx.containerName())),
            // Docker's Info.ContainerName keeps the leading slash of the container's name.
            Map.entry("ContainerName", ctx -> "/" + stripSlash(ctx.containerName())),
            Map.entry("ImageID", ctx -> truncateId(ctx.imageId())),
            Map.entry("ImageFullID", LogContext::imageId),
            Map.entry("ContainerImageID", LogContext::imageId),
            Map.entry("ImageName", LogContext::imageName),
            Map.entry("ContainerImageName", LogContext::imageName),
            Map.entry("DaemonName", LogContext::daemonName),
            // Docker's Info.Hostname is the daemon host's name (os.Hostname), not the container's.
            Map.entry("Hostname", ctx -> localHostname()),
            Map.entry("LogPath", ctx -> ctx.logPath() == null ? "" : ctx.logPath().toString()));

    private LogTag() {}

    /** The tag for a container: its {@code tag} option, or Docker's default when unset or empty. */
    public static String render(LogContext ctx) {
        return render(ctx.config().get("tag"), ctx);
    }

    /** Renders {@code template} (null or empty: {@link #DEFAULT_TEMPLATE}) for {@code ctx}. */
    public static String render(String template, LogContext ctx) {
        StringBuilder out = new StringBuilder();
        for (Part part : parse(template)) {
            out.append(part.field() == null ? part.text() : nullToEmpty(FIELDS.get(part.field()).apply(ctx)));
        }
        return out.toString();
    }

    /** Checks a template without a container; INVALID_ARGUMENT when it uses anything but known fields. */
    public static void validate(String template) {
        parse(template);
    }

    /** A piece of a parsed template: plain text, or a field reference. */
    private record Part(String text, String field) {}

    private static List<Part> parse(String template) {
        String source = template == null || template.isEmpty() ? DEFAULT_TEMPLATE : template;
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        boolean trimNextText = false;
        while (pos <= source.length()) {
            int open = source.indexOf("{{", pos);
            String text = source.substring(pos, open < 0 ? source.length() : open);
            if (trimNextText) {
                text = text.stripLeading();
            }
            if (open < 0) {
                addText(parts, text);
                break;
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw error(template, "unclosed action");
            }
            String action = source.substring(open + 2, close);
            if (action.startsWith("- ") || action.equals("-")) {
                text = text.stripTrailing();
                action = action.substring(1);
            }
            trimNextText = action.endsWith(" -");
            if (trimNextText) {
                action = action.substring(0, action.length() - 1);
            }
            addText(parts, text);
            parts.add(new Part(null, field(template, action.strip())));
            pos = close + 2;
        }
        return parts;
    }

    private static String field(String template, String action) {
        if (!action.startsWith(".") || action.length() < 2) {
            throw error(template, "only field references such as {{.ID}} or {{.Name}} are supported, not {{"
                    + action + "}}");
        }
        String name = action.substring(1);
        if (!FIELDS.containsKey(name)) {
            throw error(template, "can't evaluate field " + name + " (known fields: " + String.join(", ",
                    FIELDS.keySet().stream().sorted().toList()) + ")");
        }
        return name;
    }

    private static void addText(List<Part> parts, String text) {
        if (!text.isEmpty()) {
            parts.add(new Part(text, null));
        }
    }

    private static BerthException error(String template, String why) {
        return BerthException.invalid("failed to parse log tag template \"" + template + "\": " + why);
    }

    /** Docker's stringid.TruncateID: drop an algorithm prefix, keep 12 characters. */
    static String truncateId(String id) {
        if (id == null) {
            return "";
        }
        int colon = id.indexOf(':');
        String hex = colon >= 0 ? id.substring(colon + 1) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private static String stripSlash(String name) {
        if (name == null) {
            return "";
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** This machine's hostname, as Go's os.Hostname gives it. */
    public static String localHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
