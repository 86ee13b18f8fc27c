package berth.cli.command;

import berth.cli.opts.EnvFiles;
import berth.cli.opts.GoNumbers;
import berth.client.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags {@code run} and {@code create} share, and the create request body they make. */
final class CreateOptions {
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Username or UID (format: <name|uid>[:<group|gid>])")
    String user;

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Set meta data on a container")
    List<String> labels = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Overwrite the default ENTRYPOINT of the image")
    String entrypoint;

    @Option(names = {"--network", "--net"}, paramLabel = "NETWORK", defaultValue = "default", description = "Connect a container to a network (default, bridge, host, none or a network's name)")
    String network;

    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "Container host name")
    String hostname;

    @Option(names = "--rm", description = "Automatically remove the container and its associated anonymous volumes when it exits")
    boolean autoRemove;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read in a file of environment variables")
    List<String> envFiles = new ArrayList<>();

    @Option(names = "--stop-signal", paramLabel = "SIGNAL", description = "Signal to stop the container")
    String stopSignal;

    @Option(names = "--stop-timeout", paramLabel = "SECONDS", description = "Timeout (in seconds) to stop a container")
    String stopTimeout;

    @Mixin
    ResourceFlags resources;

    @Mixin
    HostFlags host;

    @Mixin
    HealthFlags health;

    @Mixin
    NetworkFlags net;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND")
    List<String> command = new ArrayList<>();

    /**
     * The {@code POST /containers/create} body, shaped as the docker CLI sends it. A bad flag value
     * ends the command here (exit 125, docker's message), before anything is sent.
     */
    ObjectNode body(String command, boolean attach, Map<String, String> hostEnv) {
        return FlagErrors.forCreate(command, () -> build(attach, hostEnv));
    }

    private ObjectNode build(boolean attach, Map<String, String> hostEnv) {
        Path cwd = Path.of("").toAbsolutePath();
        ObjectNode b = Json.object();
        b.put("Hostname", hostname == null ? "" : hostname);
        b.put("User", user == null ? "" : user);
        b.put("AttachStdin", attach && interactive);
        b.put("AttachStdout", attach);
        b.put("AttachStderr", attach);
        b.put("Tty", tty);
        b.put("OpenStdin", interactive);
        b.put("StdinOnce", attach && interactive);
        ArrayNode envs = b.putArray("Env");
        for (String file : envFiles) {
            EnvFiles.read(cwd.resolve(file), hostEnv).forEach(envs::add); // file entries first, then -e, as docker
        }
        EnvFiles.resolve(env, hostEnv).forEach(envs::add);
        if (command.isEmpty()) {
            b.putNull("Cmd");
        } else {
            ArrayNode cmd = b.putArray("Cmd");
            command.forEach(cmd::add);
        }
        b.put("Image", image);
        b.put("WorkingDir", workdir == null ? "" : workdir);
        if (entrypoint == null) {
            b.putNull("Entrypoint");
        } else {
            b.putArray("Entrypoint").add(entrypoint); // "" resets the image's entrypoint, as docker sends it
        }
        health.writeTo(b);
        ObjectNode l = b.putObject("Labels");
        for (String label : labels) {
            int eq = label.indexOf('=');
            l.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        if (stopSignal != null && !stopSignal.isEmpty()) {
            b.put("StopSignal", stopSignal);
        }
        if (stopTimeout != null) {
            b.put("StopTimeout", FlagValueException.parse("--stop-timeout", stopTimeout, GoNumbers::parseLong));
        }
        ObjectNode hc = b.putObject("HostConfig");
        host.writeTo(b, hc, cwd);
        resources.writeTo(hc);
        hc.put("NetworkMode", network);
        hc.put("AutoRemove", autoRemove);
        if (tty && attach) {
            hc.putArray("ConsoleSize").add(0).add(0);
        }
        net.writeTo(b, hc, network);
        return b;
    }
}
