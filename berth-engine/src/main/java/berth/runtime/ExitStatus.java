package berth.runtime;

import java.time.Instant;

/** How a container process ended: its exit code (128+signal when killed), when, and whether the OOM killer did it. */
public record ExitStatus(int exitCode, Instant finishedAt, boolean oomKilled) {}
