package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.Streams;
import berth.cli.Terminals;
import berth.client.HttpResponse;
import berth.client.Query;
import berth.client.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth load}: streams an image tarball (docker save format) to {@code POST /images/load}. */
@Command(name = "load", description = "Load an image from a tar archive or STDIN")
final class LoadCommand extends DaemonCommand {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from tar archive file, instead of STDIN")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        InputStream in;
        if (input == null) {
            if (Terminals.stdinIsTerminal()) {
                throw new CliException(ExitCodes.ERROR, "requested load from stdin, but stdin is empty");
            }
            in = Streams.IN;
        } else {
            try {
                in = Files.newInputStream(Path.of(input));
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.ERROR, "open " + input + ": no such file or directory");
            }
        }
        try (InputStream body = in) {
            HttpResponse r = client().call("POST", "/images/load", Query.of().add("quiet", quiet ? "1" : "0"),
                    new RequestBody.Streamed("application/x-tar", body::transferTo));
            ProgressPrinter.print(r, out());
        }
        return 0;
    }
}
