package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.opts.RestartPolicy;
import berth.client.Json;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth update}: {@code POST /containers/{c}/update} with docker's body (resource fields,
 * zero meaning unchanged, and RestartPolicy with an empty name unless --restart is given); prints
 * each name, daemon warnings on stderr.
 */
@Command(name = "update", description = "Update configuration of one or more containers")
final class UpdateCommand extends DaemonCommand {
    private static final String USAGE = "[OPTIONS] CONTAINER [CONTAINER...]";

    @Mixin
    ResourceFlags resources;

    @Option(names = "--restart", paramLabel = "POLICY", description = "Restart policy to apply when a container exits")
    String restart;

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    public Integer call() {
        ObjectNode body = FlagErrors.checked("update", USAGE, ExitCodes.ERROR, this::body);
        return ContainerVerbs.forEach(containers, name -> {
            JsonNode r = client().postJson(Refs.container(name) + "/update", Query.of(), body);
            for (JsonNode w : r.path("Warnings")) {
                err().println(w.asText());
            }
        });
    }

    ObjectNode body() {
        if (!resources.anySet() && restart == null) {
            throw new CliException(ExitCodes.ERROR, "you must provide one or more flags when using this command");
        }
        ObjectNode b = Json.object();
        resources.writeTo(b);
        b.set("RestartPolicy", RestartPolicy.parse(restart).toJson());
        return b;
    }
}
