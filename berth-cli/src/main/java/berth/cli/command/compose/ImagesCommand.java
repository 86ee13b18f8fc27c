package berth.cli.command.compose;

import berth.cli.format.HumanUnits;
import berth.cli.format.TabWriter;
import berth.compose.project.ComposeProject;
import berth.compose.project.ProjectContainer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compose images}: the images the project's containers use. */
@Command(name = "images", description = "List images used by the created containers")
final class ImagesCommand extends ComposeSubcommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;

    @Parameters(paramLabel = "SERVICE")
    List<String> services = new ArrayList<>();

    @Override
    int execute() {
        ComposeProject p = project(services);
        List<String> lines = new ArrayList<>();
        lines.add("CONTAINER\tREPOSITORY\tTAG\tIMAGE ID\tSIZE");
        for (ProjectContainer c : p.containersOf(services, true)) {
            Optional<JsonNode> image = p.engine().image(c.imageId().isEmpty() ? c.image() : c.imageId());
            String id = image.map(i -> i.path("Id").asText()).orElse(c.imageId());
            String shortId = id.startsWith("sha256:") ? id.substring(7, Math.min(id.length(), 19)) : id;
            if (quiet) {
                out().println(shortId);
                continue;
            }
            String ref = c.image();
            int colon = ref.lastIndexOf(':');
            boolean tagged = colon > ref.lastIndexOf('/');
            String repo = tagged ? ref.substring(0, colon) : ref;
            String tag = tagged ? ref.substring(colon + 1) : "latest";
            String size = image.map(i -> HumanUnits.size(i.path("Size").asDouble())).orElse("");
            lines.add(c.name() + "\t" + repo + "\t" + tag + "\t" + shortId + "\t" + size);
        }
        if (!quiet) {
            out().print(TabWriter.align(lines));
        }
        return 0;
    }
}
