package berth.cli.command;

import berth.client.Query;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth commit [-a author] [-m message] [-c change]... [-p=false] CONTAINER [REPO[:TAG]]}:
 * {@code POST /commit} with the repository and tag split as the docker CLI sends them; prints the new
 * image's ID.
 */
@Command(name = "commit", description = "Create a new image from a container's changes")
final class CommitCommand extends DaemonCommand {
    @Option(names = {"-a", "--author"}, paramLabel = "STRING", description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    String author;

    @Option(names = {"-c", "--change"}, paramLabel = "CHANGE", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "STRING", description = "Commit message")
    String message;

    @Option(names = {"-p", "--pause"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Pause container during commit (default true)")
    boolean pause;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    @Override
    public Integer call() {
        Query q = Query.of().add("container", container).add("pause", Boolean.toString(pause))
                .addIfPresent("author", author).addIfPresent("comment", message);
        if (reference != null && !reference.isEmpty()) {
            Refs.RepoTag rt = Refs.split(reference, null);
            q.add("repo", rt.repo()).addIfPresent("tag", rt.tag());
        }
        for (String c : changes) {
            q.add("changes", c);
        }
        JsonNode r = client().postJson("/commit", q, null);
        out().println(r.path("Id").asText());
        return 0;
    }
}
