package berth.cli.command;

import berth.client.Query;
import picocli.CommandLine.Option;

/** The options `stop` and `restart` share, as docker's: the grace period and the signal. */
final class StopOptions {
    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing the container")
    Integer time;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "Signal to send to the container")
    String signal;

    Query query() {
        return Query.of().addIfPresent("signal", signal).addIfPresent("t", time == null ? null : time.toString());
    }
}
