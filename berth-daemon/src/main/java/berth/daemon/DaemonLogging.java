package berth.daemon;

import berth.errors.BerthException;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on stderr, at dockerd's level names. */
final class DaemonLogging {
    // JUL holds loggers weakly: the ones whose level is set here must be kept, or the setting is lost.
    private static final Logger PROCESS_BUILDER = Logger.getLogger("java.lang.ProcessBuilder");
    private static final Logger NETTY = Logger.getLogger("io.netty");

    private DaemonLogging() {}

    static void configure(String level) {
        Level jul = switch (level) {
            case "debug" -> Level.FINE;
            case "info" -> Level.INFO;
            case "warn", "warning" -> Level.WARNING;
            case "error", "fatal" -> Level.SEVERE;
            default -> throw BerthException.invalid("invalid log level \"" + level
                    + "\": use debug, info, warn, error or fatal");
        };
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(jul);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                String lvl = r.getLevel() == Level.SEVERE ? "error" : r.getLevel() == Level.WARNING ? "warning"
                        : r.getLevel().intValue() >= Level.INFO.intValue() ? "info" : "debug";
                StringBuilder sb = new StringBuilder().append("time=\"").append(Instant.ofEpochMilli(r.getMillis()))
                        .append("\" level=").append(lvl).append(" msg=\"").append(msg).append("\"\n");
                if (r.getThrown() != null) {
                    sb.append(r.getThrown()).append('\n');
                }
                return sb.toString();
            }
        });
        root.addHandler(handler);
        root.setLevel(jul);
        // The JDK logs every process start with a stack trace at debug level: too loud even for debug.
        PROCESS_BUILDER.setLevel(Level.INFO);
        // Netty is quiet unless debugging.
        NETTY.setLevel(jul.intValue() <= Level.FINE.intValue() ? Level.FINE : Level.WARNING);
    }
}
