package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth start}: starts containers; with -a attaches to one and exits with its code. */
@Command(name = "start", description = "Start one or more stopped containers")
final class StartCommand extends DaemonCommand {
    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN")
    boolean interactive;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() throws IOException {
        if (attach || interactive) {
            if (containers.size() > 1) {
                throw new CliException(ExitCodes.ERROR, "you cannot start and attach multiple containers at once");
            }
            JsonNode c = client().getJson(Refs.container(containers.getFirst()) + "/json", Query.of());
            boolean tty = c.path("Config").path("Tty").asBoolean(false);
            boolean stdin = interactive && c.path("Config").path("OpenStdin").asBoolean(false);
            return AttachedRun.run(client(), c.path("Id").asText(), new AttachedRun.Options(tty, stdin, false, "start"));
        }
        return ContainerVerbs.forEach(containers,
                name -> client().call("POST", Refs.container(name) + "/start", Query.of(), RequestBody.NONE).close());
    }
}
