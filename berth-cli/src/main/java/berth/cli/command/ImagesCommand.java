package berth.cli.command;

import berth.cli.format.ImageRow;
import berth.cli.format.OutputFormat;
import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth images} / {@code berth image ls}. */
@Command(name = "ls", aliases = "list", description = "List images")
final class ImagesCommand extends DaemonCommand {
    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a Go-style template, 'table', 'table TEMPLATE' or 'json'")
    String format;

    @Option(names = "--digests", description = "Show digests")
    boolean digests;

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    @Override
    public Integer call() {
        List<String> f = new ArrayList<>(filters);
        if (reference != null) {
            f.add("reference=" + reference);
        }
        JsonNode images = client().getJson("/images/json", Query.of().flag("all", all).addIfPresent("filters", Filters.toJson(f)));
        Instant now = Instant.now();
        List<ImageRow> rows = new ArrayList<>();
        for (JsonNode image : images) {
            rows.addAll(ImageRow.rowsOf(image, !noTrunc, now));
        }
        String chosen = quiet ? "{{.ID}}" : format;
        OutputFormat of = OutputFormat.of(chosen, digests ? ImageRow.DIGESTS_TABLE : ImageRow.DEFAULT_TABLE);
        out().print(of.render(rows, ImageRow.HEADERS));
        return 0;
    }
}
