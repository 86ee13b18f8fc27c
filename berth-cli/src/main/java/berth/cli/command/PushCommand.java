package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.HttpResponse;
import berth.client.auth.RemoteReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth push}: {@code POST /images/{name}/push?tag=} with the stored login for the image's registry. */
@Command(name = "push", description = "Upload an image to a registry")
final class PushCommand extends DaemonCommand {
    @Option(names = {"-a", "--all-tags"}, description = "Push all tags of an image to the repository")
    boolean allTags;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "NAME[:TAG]", description = "The image to push")
    String name;

    @Override
    public Integer call() throws IOException {
        RemoteReference ref = RemoteReference.parse(name);
        if (ref.digest() != null) {
            throw new CliException(ExitCodes.ERROR, "cannot push a digest reference (" + name + "); push a tag");
        }
        if (allTags && ref.tag() != null) {
            throw new CliException(ExitCodes.ERROR, "tag can't be used with --all-tags/-a");
        }
        if (!allTags && ref.tag() == null) {
            if (!quiet) {
                out().println("Using default tag: latest");
            }
            ref = ref.withTag("latest");
        }
        HttpResponse r = client().pushImage(ref.familiarName(), ref.tag(), root().registryAuth(ref));
        try (r; InputStream body = r.body()) {
            ProgressDisplay display = quiet ? new ProgressDisplay(new PrintStream(OutputStream.nullOutputStream()), false, 0)
                    : ProgressDisplay.on(out(), 1);
            display.show(body);
        }
        if (quiet) {
            out().println(ref);
        }
        return 0;
    }
}
