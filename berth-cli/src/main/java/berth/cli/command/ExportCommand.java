package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Streams;
import berth.cli.Terminals;
import berth.client.HttpResponse;
import berth.client.Query;
import berth.client.RequestBody;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth export}: {@code GET /containers/{c}/export}, the filesystem as a tar, to a file or a non-terminal stdout. */
@Command(name = "export", description = "Export a container's filesystem as a tar archive")
final class ExportCommand extends DaemonCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT")
    String output;

    @Parameters(paramLabel = "CONTAINER")
    String container;

    @Override
    public Integer call() throws IOException {
        if (output == null && Terminals.stdoutIsTerminal()) {
            throw new CliException(ExitCodes.ERROR, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        try (HttpResponse r = client().call("GET", Refs.container(container) + "/export", Query.of(), RequestBody.NONE)) {
            if (output == null) {
                r.body().transferTo(Streams.OUT);
                Streams.OUT.flush();
            } else {
                AtomicFile.write(Path.of(output), r.body());
            }
        }
        return 0;
    }
}
