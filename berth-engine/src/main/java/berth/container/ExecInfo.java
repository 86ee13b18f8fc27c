package berth.container;

import java.util.OptionalInt;

/**
 * {@code GET /exec/{id}/json}: an exec instance and, once it has ended, its exit code.
 *
 * @param pid the process's pid on the host while it runs, 0 otherwise
 */
public record ExecInfo(String id, String containerId, ExecSpec spec, boolean running, OptionalInt exitCode, int pid) {}
