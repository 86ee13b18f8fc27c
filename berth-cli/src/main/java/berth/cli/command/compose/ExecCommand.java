package berth.cli.command.compose;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Terminals;
import berth.cli.command.DetachKeys;
import berth.cli.command.StreamSession;
import berth.cli.opts.EnvFiles;
import berth.client.HijackedStream;
import berth.client.Json;
import berth.client.Query;
import berth.client.RequestBody;
import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectContainer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose exec}: a command in a service's running container (by --index); exits with its exit code. */
@Command(name = "exec", description = "Execute a command in a running container")
final class ExecCommand extends ComposeSubcommand {
    @Option(names = {"-d", "--detach"}, description = "Detached mode: Run command in the background")
    boolean detach;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation. By default a TTY is allocated when stdin is a terminal")
    boolean noTty;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run the command as this user")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Path to workdir directory for this command")
    String workdir;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--index", paramLabel = "N", defaultValue = "1", description = "Index of the container if service has multiple replicas")
    int index;

    @Option(names = "--privileged", description = "Give extended privileges to the process")
    boolean privileged;

    @Parameters(index = "0", paramLabel = "SERVICE")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    int execute() throws Exception {
        if (command.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, "\"compose exec\" requires at least 2 arguments");
        }
        ComposeProject p = project(List.of(service));
        ProjectContainer c = p.containersOf(List.of(service), false).stream().filter(x -> x.number() == index).findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.ERROR, "service \"" + service + "\" is not running"));
        boolean tty = !noTty && Terminals.stdinIsTerminal();
        boolean interactive = !detach;
        ObjectNode body = Json.object();
        body.put("User", user == null ? "" : user);
        body.put("Privileged", privileged);
        body.put("Tty", tty);
        body.put("AttachStdin", interactive);
        body.put("AttachStdout", !detach);
        body.put("AttachStderr", !detach);
        body.put("Detach", detach);
        ArrayNode envs = body.putArray("Env");
        EnvFiles.resolve(env, root().env()).forEach(envs::add);
        body.put("WorkingDir", workdir == null ? "" : workdir);
        ArrayNode cmd = body.putArray("Cmd");
        command.forEach(cmd::add);
        String execId = root().client().postJson("/containers/" + Query.pathSegment(c.id()) + "/exec", Query.of(), body)
                .path("Id").asText();
        String execPath = "/exec/" + Query.pathSegment(execId);
        ObjectNode start = Json.object();
        start.put("Detach", detach);
        start.put("Tty", tty);
        if (detach) {
            root().client().postJson(execPath + "/start", Query.of(), start);
            return 0;
        }
        try (HijackedStream session = root().client().hijack(execPath + "/start", Query.of(),
                new RequestBody.Bytes("application/json", Json.bytes(start)))) {
            boolean detached = new StreamSession().run(session,
                    new StreamSession.Options(tty, interactive, DetachKeys.parse(DetachKeys.DEFAULT)),
                    (h, w) -> root().client().call("POST", execPath + "/resize",
                            Query.of().add("h", Integer.toString(h)).add("w", Integer.toString(w)), RequestBody.NONE).close());
            if (detached) {
                return 0;
            }
        }
        return root().client().getJson(execPath + "/json", Query.of()).path("ExitCode").asInt(0);
    }
}
