package berth.cli.command;

import berth.cli.Streams;
import berth.client.HttpResponse;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth import FILE|- [REPOSITORY[:TAG]]}: streams a rootfs tarball to {@code POST
 * /images/create?fromSrc=-} (the tag goes inside {@code repo}, as the docker CLI sends it) and
 * prints the new image ID.
 */
@Command(name = "import", description = "Import the contents from a tarball to create a filesystem image")
final class ImportCommand extends DaemonCommand {
    @Option(names = {"-c", "--change"}, paramLabel = "CHANGE", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "STRING", description = "Set commit message for imported image")
    String message;

    @Option(names = "--platform", paramLabel = "STRING", description = "Set platform if server is multi-platform capable")
    String platform;

    @Parameters(index = "0", paramLabel = "file|-")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String repository;

    @Override
    public Integer call() throws IOException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            throw new berth.cli.CliException(berth.cli.ExitCodes.ERROR, "importing from a URL is not supported yet: download the file and import it");
        }
        Query q = Query.of().add("fromSrc", "-").addIfPresent("repo", repository).addIfPresent("message", message)
                .addIfPresent("platform", platform);
        for (String c : changes) {
            q.add("changes", c);
        }
        JsonNode last = upload(client(), q, source);
        if (last != null && last.hasNonNull("status")) {
            out().println(last.path("status").asText());
        }
        return 0;
    }

    static JsonNode upload(berth.client.DaemonClient client, Query q, String source) throws IOException {
        InputStream in;
        if (source.equals("-")) {
            in = Streams.IN;
        } else {
            try {
                in = Files.newInputStream(Path.of(source));
            } catch (NoSuchFileException e) {
                throw new berth.cli.CliException(berth.cli.ExitCodes.ERROR, "open " + source + ": no such file or directory");
            }
        }
        try (InputStream body = in) {
            HttpResponse r = client.call("POST", "/images/create", q, new RequestBody.Streamed("text/plain", body::transferTo));
            return ProgressPrinter.print(r, null);
        }
    }
}
