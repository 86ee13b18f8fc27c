package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.opts.EnvFiles;
import berth.client.HijackedStream;
import berth.client.Json;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth exec}: inspect, {@code POST /containers/{c}/exec}, then start it hijacked (or
 * detached with -d), resize with -t, and exit with the command's ExitCode from {@code GET
 * /exec/{id}/json}, as the docker CLI does (CLIENTS.md §1).
 */
@Command(name = "exec", description = "Execute a command in a running container")
final class ExecCommand extends DaemonCommand {
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background")
    boolean detach;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format: \"<name|uid>[:<group|gid>]\")")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read in a file of environment variables")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--privileged", description = "Give extended privileges to the command")
    boolean privileged;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Override the key sequence for detaching a container")
    String detachKeys;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (command.isEmpty()) {
            throw new CliException(ExitCodes.ERROR, "berth: 'berth exec' requires at least 2 arguments\n\n"
                    + "Usage:  berth exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\nSee 'berth exec --help' for more information");
        }
        ObjectNode body = FlagErrors.checked("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", ExitCodes.ERROR, this::body);
        DetachKeys keys = FlagErrors.checked("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", ExitCodes.ERROR,
                () -> DetachKeys.parse(detachKeys == null ? DetachKeys.DEFAULT : detachKeys));
        if (!detach) {
            AttachedRun.checkTty(tty, interactive);
        }
        client().getJson(Refs.container(container) + "/json", Query.of()); // "No such container" before anything else, as docker
        String execId = client().postJson(Refs.container(container) + "/exec", Query.of(), body).path("Id").asText();
        String execPath = "/exec/" + Query.pathSegment(execId);
        ObjectNode start = Json.object();
        start.put("Detach", detach);
        start.put("Tty", tty);
        if (detach) {
            client().postJson(execPath + "/start", Query.of(), start);
            return 0;
        }
        HijackedStream session = client().hijack(execPath + "/start", Query.of(),
                new RequestBody.Bytes("application/json", Json.bytes(start)));
        try (session) {
            boolean detached = new StreamSession().run(session, new StreamSession.Options(tty, interactive, keys),
                    (h, w) -> client().call("POST", execPath + "/resize",
                            Query.of().add("h", Integer.toString(h)).add("w", Integer.toString(w)), RequestBody.NONE).close());
            if (detached) {
                return 0;
            }
        }
        JsonNode inspect = client().getJson(execPath + "/json", Query.of());
        return inspect.path("ExitCode").asInt(0);
    }

    ObjectNode body() {
        ObjectNode b = Json.object();
        b.put("User", user == null ? "" : user);
        b.put("Privileged", privileged);
        b.put("Tty", tty);
        b.put("AttachStdin", interactive && !detach);
        b.put("AttachStderr", !detach);
        b.put("AttachStdout", !detach);
        b.put("Detach", detach);
        b.put("DetachKeys", detachKeys == null ? "" : detachKeys);
        ArrayNode envs = b.putArray("Env");
        Path cwd = Path.of("").toAbsolutePath();
        for (String f : envFiles) {
            EnvFiles.read(cwd.resolve(f), root().env()).forEach(envs::add);
        }
        EnvFiles.resolve(env, root().env()).forEach(envs::add);
        b.put("WorkingDir", workdir == null ? "" : workdir);
        ArrayNode cmd = b.putArray("Cmd");
        command.forEach(cmd::add);
        return b;
    }
}
