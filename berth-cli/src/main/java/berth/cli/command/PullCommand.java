package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.auth.RemoteReference;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth pull}: {@code POST /images/create?fromImage=} with the stored login; prints the reference at the end. */
@Command(name = "pull", description = "Download an image from a registry")
final class PullCommand extends DaemonCommand {
    @Option(names = "--platform", paramLabel = "PLATFORM", description = "Set platform if server is multi-platform capable (os[/arch[/variant]])")
    String platform;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Option(names = {"-a", "--all-tags"}, description = "Download all tagged images in the repository")
    boolean allTags;

    @Parameters(index = "0", paramLabel = "NAME[:TAG|@DIGEST]", description = "The image to pull")
    String name;

    @Override
    public Integer call() throws IOException {
        RemoteReference ref = RemoteReference.parse(name);
        if (allTags) {
            if (ref.hasTagOrDigest()) {
                throw new CliException(ExitCodes.ERROR, "tag can't be used with --all-tags/-a");
            }
            // no tag: the daemon pulls every tag the registry lists
            Pulls.pull(root(), ref, platform, quiet ? null : ProgressDisplay.on(out(), 1));
            out().println(ref);
            return 0;
        }
        if (!ref.hasTagOrDigest()) {
            if (!quiet) {
                out().println("Using default tag: latest");
            }
            ref = ref.withTag("latest");
        }
        Pulls.pull(root(), ref, platform, quiet ? null : ProgressDisplay.on(out(), 1));
        out().println(ref);
        return 0;
    }
}
