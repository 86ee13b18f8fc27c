package berth.cli.command;

import static berth.cli.command.FlagValueException.parse;

import berth.cli.opts.BadValueException;
import berth.cli.opts.GoDurations;
import berth.cli.opts.GoNumbers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** --health-* and --no-healthcheck, made into Config.Healthcheck as the docker CLI makes it. */
final class HealthFlags {
    @Option(names = "--health-cmd", paramLabel = "CMD", description = "Command to run to check health")
    String cmd;

    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between running the check (ms|s|m|h) (default 0s)")
    String interval;

    @Option(names = "--health-timeout", paramLabel = "DURATION", description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
    String timeout;

    @Option(names = "--health-retries", paramLabel = "INT", description = "Consecutive failures needed to report unhealthy")
    String retries;

    @Option(names = "--health-start-period", paramLabel = "DURATION", description = "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
    String startPeriod;

    @Option(names = "--health-start-interval", paramLabel = "DURATION", description = "Time between running the check during the start period (ms|s|m|h) (default 0s)")
    String startInterval;

    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK")
    boolean none;

    /** Sets {@code config.Healthcheck} when any health flag was given; leaves it out otherwise. */
    void writeTo(ObjectNode config) {
        long intervalNs = duration("--health-interval", interval);
        long timeoutNs = duration("--health-timeout", timeout);
        long startPeriodNs = duration("--health-start-period", startPeriod);
        long startIntervalNs = duration("--health-start-interval", startInterval);
        long retriesN = retries == null ? 0 : parse("--health-retries", retries, GoNumbers::parseLong);
        boolean any = (cmd != null && !cmd.isEmpty()) || intervalNs != 0 || timeoutNs != 0 || startPeriodNs != 0
                || startIntervalNs != 0 || retriesN != 0;
        if (none) {
            if (any) {
                throw new BadValueException("--no-healthcheck conflicts with --health-* options");
            }
            config.putObject("Healthcheck").putArray("Test").add("NONE");
            return;
        }
        if (!any) {
            return;
        }
        negative("--health-interval", intervalNs);
        negative("--health-timeout", timeoutNs);
        negative("--health-retries", retriesN);
        negative("--health-start-period", startPeriodNs);
        negative("--health-start-interval", startIntervalNs);
        ObjectNode h = config.putObject("Healthcheck");
        if (cmd != null && !cmd.isEmpty()) {
            h.putArray("Test").add("CMD-SHELL").add(cmd);
        }
        h.put("Interval", intervalNs);
        h.put("Timeout", timeoutNs);
        h.put("StartPeriod", startPeriodNs);
        if (startIntervalNs != 0) {
            h.put("StartInterval", startIntervalNs);
        }
        h.put("Retries", retriesN);
    }

    private static long duration(String flag, String value) {
        return value == null ? 0 : parse(flag, value, GoDurations::parseNanos);
    }

    private static void negative(String flag, long v) {
        if (v < 0) {
            throw new BadValueException(flag + " cannot be negative");
        }
    }
}
