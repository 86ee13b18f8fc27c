package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.bootstrap.BusyboxRootfs;
import berth.client.HttpResponse;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth bootstrap busybox}: makes a busybox image from the host's busybox-static, no network needed. */
@Command(name = "bootstrap", description = "Create starter images without a registry",
        subcommands = BootstrapCommand.Busybox.class)
final class BootstrapCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Print usage")
    boolean help;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: busybox");
    }

    @Command(name = "busybox", description = "Import the host's static busybox (package busybox-static) as an image")
    static final class Busybox extends DaemonCommand {
        @Option(names = "--tag", paramLabel = "REPOSITORY[:TAG]", defaultValue = "busybox:latest", description = "Name of the image (default busybox:latest)")
        String tag;

        @Option(names = "--busybox", paramLabel = "PATH", defaultValue = "/bin/busybox", description = "The static busybox binary to use")
        Path busybox;

        @Override
        public Integer call() throws IOException {
            List<String> applets;
            try {
                // check before running it: a dynamic busybox would run on the host but not in the image
                BusyboxRootfs.write(busybox, List.of(), java.io.OutputStream.nullOutputStream());
                applets = BusyboxRootfs.applets(busybox);
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "berth: " + e.getMessage());
            }
            Refs.RepoTag rt = Refs.split(tag, "latest");
            Query q = Query.of().add("fromSrc", "-").add("repo", rt.repo()).addIfPresent("tag", rt.tag())
                    .add("changes", "CMD [\"sh\"]").add("message", "bootstrap");
            HttpResponse r = client().call("POST", "/images/create", q,
                    new RequestBody.Streamed("application/x-tar", out -> BusyboxRootfs.write(busybox, applets, out)));
            JsonNode last = ProgressPrinter.print(r, null);
            String id = last == null ? "" : last.path("status").asText("");
            out().println(id);
            return 0;
        }
    }
}
