package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.DaemonErrorException;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth inspect}: containers, then images, as docker tries them when no type is given. */
@Command(name = "inspect", description = "Return low-level information on berth objects")
final class InspectCommand extends DaemonCommand {
    @Option(names = {"-f", "--format"}, paramLabel = "STRING", description = "Format output using a Go-style template")
    String format;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only inspect objects of the given type (container, image)")
    String type;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes if the type is container")
    boolean size;

    @Parameters(arity = "1..*", paramLabel = "NAME|ID")
    List<String> names;

    @Override
    public Integer call() {
        if (type != null && !type.equals("container") && !type.equals("image")) {
            throw new CliException(ExitCodes.ERROR, "\"" + type + "\" is not a valid value for --type (berth can inspect: container, image)");
        }
        List<JsonNode> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            JsonNode n = find(name, errors);
            if (n != null) {
                found.add(n);
            }
        }
        JsonOutput.print(found, format);
        if (!errors.isEmpty()) {
            out().flush();
            throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
        }
        return 0;
    }

    private JsonNode find(String name, List<String> errors) {
        if (type == null || type.equals("container")) {
            try {
                return client().getJson(Refs.container(name) + "/json", Query.of().flag("size", size));
            } catch (DaemonErrorException e) {
                if (!e.isNotFound()) {
                    errors.add("Error response from daemon: " + e.daemonMessage());
                    return null;
                }
                if (type != null) {
                    errors.add("Error: No such container: " + name);
                    return null;
                }
            }
        }
        try {
            return client().getJson(Refs.image(name) + "/json", Query.of());
        } catch (DaemonErrorException e) {
            errors.add(e.isNotFound() ? "Error: No such " + (type == null ? "object" : "image") + ": " + name
                    : "Error response from daemon: " + e.daemonMessage());
            return null;
        }
    }
}
