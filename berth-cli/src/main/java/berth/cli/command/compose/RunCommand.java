package berth.cli.command.compose;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Terminals;
import berth.cli.command.DetachKeys;
import berth.cli.command.StreamSession;
import berth.cli.opts.EnvFiles;
import berth.client.DaemonClient;
import berth.client.HijackedStream;
import berth.client.HttpResponse;
import berth.client.Query;
import berth.client.RequestBody;
import berth.compose.model.Service;
import berth.compose.project.ComposeLabels;
import berth.compose.project.ComposeProject;
import berth.compose.project.ContainerNames;
import berth.compose.project.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compose run}: a one-off container of a service (label {@code oneoff=True}, name {@code
 * <project>-<service>-run-<id>}), its dependencies started first; attached it exits with the
 * command's code, {@code --rm} removes it afterwards.
 */
@Command(name = "run", description = "Run a one-off command on a service")
final class RunCommand extends ComposeSubcommand {
    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    @Option(names = "--rm", description = "Automatically remove the container when it exits")
    boolean rm;

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (default: auto-detected)")
    boolean noTty;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run as specified username or uid")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;

    @Option(names = {"-P", "--service-ports"}, description = "Run command with all service's ports enabled and mapped to the host")
    boolean servicePorts;

    @Option(names = "--use-aliases", description = "Use the service's network aliases in the network(s) the container connects to")
    boolean useAliases;

    @Option(names = "--build", description = "Build image before starting container")
    boolean build;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    int execute() throws Exception {
        ComposeProject p = project(List.of(service));
        Service s = p.services(List.of(service)).getFirst();
        boolean tty = detach ? s.tty() : !noTty && Terminals.stdinIsTerminal();
        boolean stdin = !detach;
        List<String> extraEnv = EnvFiles.resolve(env, root().env());
        String containerName = name != null ? name : ContainerNames.oneOff(p.model().name(), service);
        ContainerSpec overrides = new ContainerSpec(containerName, 1, true, "", "",
                command.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(command)), extraEnv, Optional.ofNullable(user),
                Optional.ofNullable(workdir), Optional.of(tty), Optional.of(stdin || s.stdinOpen()), useAliases, servicePorts,
                Optional.empty(), Map.of(ComposeLabels.PREFIX + "slug", containerName));
        String id = p.createOneOff(s, overrides, noDeps, build);
        DaemonClient client = root().client();
        String path = "/containers/" + Query.pathSegment(id);
        if (detach) {
            client.call("POST", path + "/start", Query.of(), RequestBody.NONE).close();
            out().println(containerName);
            return 0;
        }
        int code;
        try (HijackedStream session = client.hijack(path + "/attach",
                Query.of().add("stream", "1").add("stdout", "1").add("stderr", "1").flag("stdin", stdin),
                new RequestBody.Bytes("text/plain", new byte[0]));
                HttpResponse wait = client.call("POST", path + "/wait", Query.of().add("condition", "next-exit"), RequestBody.NONE)) {
            try {
                client.call("POST", path + "/start", Query.of(), RequestBody.NONE).close();
            } catch (RuntimeException e) {
                if (rm) {
                    p.engine().remove(id, true, true);
                }
                throw e;
            }
            boolean detached = new StreamSession().run(session,
                    new StreamSession.Options(tty, stdin, DetachKeys.parse(DetachKeys.DEFAULT)),
                    (h, w) -> client.call("POST", path + "/resize",
                            Query.of().add("h", Integer.toString(h)).add("w", Integer.toString(w)), RequestBody.NONE).close());
            if (detached) {
                return 0; // the container runs on, as after docker compose run's detach keys
            }
            code = berth.client.Json.parse(wait.readAllBytes()).path("StatusCode").asInt();
        }
        if (rm) {
            p.engine().remove(id, true, true);
        }
        if (code < 0) {
            throw new CliException(ExitCodes.ERROR, "");
        }
        return code;
    }
}
