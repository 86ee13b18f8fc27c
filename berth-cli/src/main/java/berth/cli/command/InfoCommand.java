package berth.cli.command;

import berth.cli.format.HumanUnits;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code berth info}: the daemon's {@code GET /info} in docker's layout. */
@Command(name = "info", description = "Display system-wide information")
final class InfoCommand extends DaemonCommand {
    @Override
    public Integer call() {
        JsonNode i = client().getJson("/info", Query.of());
        out().println("Server:");
        line(" Containers: ", i.path("Containers").asText());
        line("  Running: ", i.path("ContainersRunning").asText());
        line("  Paused: ", i.path("ContainersPaused").asText());
        line("  Stopped: ", i.path("ContainersStopped").asText());
        line(" Images: ", i.path("Images").asText());
        line(" Server Version: ", i.path("ServerVersion").asText());
        line(" Storage Driver: ", i.path("Driver").asText());
        for (JsonNode pair : i.path("DriverStatus")) {
            line("  " + pair.path(0).asText() + ": ", pair.path(1).asText());
        }
        line(" Logging Driver: ", i.path("LoggingDriver").asText());
        line(" Cgroup Driver: ", i.path("CgroupDriver").asText());
        line(" Cgroup Version: ", i.path("CgroupVersion").asText());
        line(" Runtimes: ", String.join(" ", iterable(i.path("Runtimes").fieldNames())));
        line(" Default Runtime: ", i.path("DefaultRuntime").asText());
        line(" Init Binary: ", i.path("InitBinary").asText());
        line(" Kernel Version: ", i.path("KernelVersion").asText());
        line(" Operating System: ", i.path("OperatingSystem").asText());
        line(" OSType: ", i.path("OSType").asText());
        line(" Architecture: ", i.path("Architecture").asText());
        line(" CPUs: ", i.path("NCPU").asText());
        line(" Total Memory: ", i.has("MemTotal") ? HumanUnits.binarySize(i.path("MemTotal").asLong()) : "");
        line(" Name: ", i.path("Name").asText());
        line(" ID: ", i.path("ID").asText());
        line(" Docker Root Dir: ", i.path("DockerRootDir").asText());
        line(" Debug Mode: ", String.valueOf(i.path("Debug").asBoolean(false)));
        line(" Experimental: ", String.valueOf(i.path("ExperimentalBuild").asBoolean(false)));
        line(" Live Restore Enabled: ", String.valueOf(i.path("LiveRestoreEnabled").asBoolean(false)));
        for (JsonNode w : i.path("Warnings")) {
            err().println(w.asText());
        }
        return 0;
    }

    private static void line(String label, String value) {
        out().println(label + value);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
