package berth.logging.logfile;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.logs.StreamType;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** Contexts, messages and read-all helpers shared by the file drivers' tests. */
public final class LogTestSupport {
    public static final Instant T0 = Instant.parse("2026-12-04T19:00:00Z");
    /** The end signal of a container that has not exited: a follower ends only when the driver is closed. */
    public static final CompletableFuture<Void> RUNNING = new CompletableFuture<>();

    private LogTestSupport() {}

    public static LogContext context(Path logPath, Map<String, String> config) {
        return new LogContext(config, "19fe3fd4bd55d886833d82a8c465797c77b2059fba571faed51be4e8f15e6242", "c1",
                "sha256:aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999", "busybox", T0,
                Map.of(), List.of(), logPath, "berth", "c1host");
    }

    public static LogMessage line(String text, Instant at) {
        return new LogMessage(StreamType.STDOUT, text.getBytes(StandardCharsets.UTF_8), at, false);
    }

    public static LogOptions tail(int n) {
        return new LogOptions(true, true, false, OptionalInt.of(n), Optional.empty(), Optional.empty());
    }

    public static LogOptions following() {
        return new LogOptions(true, true, true, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    public static LogOptions window(Instant since, Instant until) {
        return new LogOptions(true, true, false, OptionalInt.empty(), Optional.ofNullable(since), Optional.ofNullable(until));
    }

    public static List<LogEntry> readAll(LogSource source) throws Exception {
        try (source) {
            List<LogEntry> out = new ArrayList<>();
            for (Optional<LogEntry> e; (e = source.next()).isPresent(); ) {
                out.add(e.get());
            }
            return out;
        }
    }

    public static List<String> texts(List<LogEntry> entries) {
        return entries.stream().map(e -> new String(e.data(), StandardCharsets.UTF_8)).toList();
    }
}
