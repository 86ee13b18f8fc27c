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

/** {@code berth rmi} / {@code berth image rm}: prints what was untagged and deleted. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more images")
final class RmiCommand extends DaemonCommand {
    @Option(names = {"-f", "--force"}, description = "Force removal of the image")
    boolean force;

    @Option(names = "--no-prune", description = "Do not delete untagged parents")
    boolean noPrune;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() {
        List<String> errors = new ArrayList<>();
        for (String image : images) {
            try {
                JsonNode items = client().delete(Refs.image(image), Query.of().flag("force", force).flag("noprune", noPrune));
                for (JsonNode item : items) {
                    if (item.hasNonNull("Untagged")) {
                        out().println("Untagged: " + item.path("Untagged").asText());
                    }
                    if (item.hasNonNull("Deleted")) {
                        out().println("Deleted: " + item.path("Deleted").asText());
                    }
                }
            } catch (DaemonErrorException e) {
                errors.add("Error response from daemon: " + e.daemonMessage());
            }
        }
        if (!errors.isEmpty()) {
            out().flush();
            throw new CliException(ExitCodes.ERROR, String.join("\n", errors));
        }
        return 0;
    }
}
