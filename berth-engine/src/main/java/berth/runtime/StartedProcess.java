package berth.runtime;

import java.time.Instant;

/** A container process that the runtime has started. */
public record StartedProcess(int pid, Instant startedAt) {}
