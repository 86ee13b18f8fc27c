package berth.cli.command.compose;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints log lines of several containers as Compose v2 does: {@code web-1  | line}, the prefix padded
 * to the widest name and coloured per service. Lines from concurrent streams are printed whole.
 */
final class LogPrinter {
    /** Compose's rotation: the plain colours, then their bright variants. */
    private static final List<String> COLOURS = List.of("36", "33", "32", "35", "34", "31", "96", "93", "92", "95", "94", "91");

    private final PrintStream out;
    private final boolean colour;
    private final boolean prefix;
    private final Map<String, String> serviceColour = new ConcurrentHashMap<>();
    private volatile int width;

    LogPrinter(PrintStream out, boolean colour, boolean prefix) {
        this.out = out;
        this.colour = colour;
        this.prefix = prefix;
    }

    /** Makes room for a name in the prefix column. */
    void register(String name, String service) {
        synchronized (this) {
            width = Math.max(width, name.length());
        }
        serviceColour.computeIfAbsent(service, s -> COLOURS.get(serviceColour.size() % COLOURS.size()));
    }

    /** The prefix for a container: {@code name} padded, then {@code  | }. */
    String prefix(String name, String service) {
        if (!prefix) {
            return "";
        }
        String p = name + " ".repeat(Math.max(0, width - name.length())) + "  | ";
        String c = serviceColour.get(service);
        return colour && c != null ? "\033[" + c + "m" + p + "\033[0m" : p;
    }

    /** One line without its newline. */
    void line(String name, String service, String text) {
        byte[] b = (prefix(name, service) + text + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(b, 0, b.length);
            out.flush();
        }
    }

    /** A status line about a container ({@code web-1 exited with code 0}): its name in its colour, no bar. */
    void event(String name, String service, String text) {
        String c = serviceColour.get(service);
        String shown = colour && c != null ? "\033[" + c + "m" + name + "\033[0m" : name;
        byte[] b = (shown + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(b, 0, b.length);
            out.flush();
        }
    }
}
