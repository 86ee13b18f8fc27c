package berth.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The daemon's settings after flag parsing, named like dockerd's flags.
 *
 * @param socket  the unix socket to serve the API on
 * @param runtime "runc" or "crun"; empty: runc where crun cannot run here
 */
public record DaemonOptions(Path socket, Path dataRoot, Path execRoot, Optional<String> runtime,
                            String logLevel, Optional<Path> pidfile) {}
