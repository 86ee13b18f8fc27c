package berth.cli.command.compose;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectContainer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose port}: the public address a service container's private port is published on. */
@Command(name = "port", description = "Print the public port for a port binding")
final class PortCommand extends ComposeSubcommand {
    @Option(names = "--protocol", paramLabel = "PROTO", defaultValue = "tcp", description = "tcp or udp")
    String protocol;

    @Option(names = "--index", paramLabel = "N", defaultValue = "1", description = "Index of the container if service has multiple replicas")
    int index;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1", paramLabel = "PRIVATE_PORT")
    int port;

    @Override
    int execute() {
        ComposeProject p = project(List.of(service));
        ProjectContainer c = p.containersOf(List.of(service), false).stream().filter(x -> x.number() == index).findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.ERROR, "service \"" + service + "\" is not running"));
        JsonNode bindings = p.engine().inspect(c.id()).path("NetworkSettings").path("Ports").path(port + "/" + protocol);
        if (!bindings.isArray() || bindings.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, "no port " + port + "/" + protocol + " for container " + c.name());
        }
        JsonNode b = bindings.get(0);
        out().println(b.path("HostIp").asText("") + ":" + b.path("HostPort").asText(""));
        return 0;
    }
}
