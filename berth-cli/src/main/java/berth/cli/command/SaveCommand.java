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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth save}: {@code GET /images/get?names=...} to a file, or to stdout when it is not a terminal. */
@Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
final class SaveCommand extends DaemonCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT")
    String output;

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Override
    public Integer call() throws IOException {
        if (output == null && Terminals.stdoutIsTerminal()) {
            throw new CliException(ExitCodes.ERROR, "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        Query q = Query.of();
        images.forEach(i -> q.add("names", i));
        try (HttpResponse r = client().call("GET", "/images/get", q, RequestBody.NONE)) {
            InputStream body = r.body();
            if (output == null) {
                body.transferTo(Streams.OUT);
                Streams.OUT.flush();
            } else {
                // write beside the target and rename, so a failed save leaves no half-written file
                Path target = Path.of(output).toAbsolutePath();
                Path tmp = Files.createTempFile(target.getParent(), ".berth-save-", ".tar");
                try {
                    try (OutputStream o = Files.newOutputStream(tmp)) {
                        body.transferTo(o);
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }
        return 0;
    }
}
