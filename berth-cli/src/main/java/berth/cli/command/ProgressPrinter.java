package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.client.HttpResponse;
import berth.client.JsonMessageReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Prints a JSON progress stream (load, import, pull) line by line without the terminal cursor
 * tricks: {@code stream} text as-is, {@code status} with its id, and stops at an in-stream error.
 */
final class ProgressPrinter {
    private ProgressPrinter() {}

    /** Prints every message; returns the last message; throws the first in-stream error (exit 1). */
    static JsonNode print(HttpResponse response, PrintStream out) throws IOException {
        JsonNode last = null;
        try (response; JsonMessageReader reader = new JsonMessageReader(response.body())) {
            JsonNode m;
            while ((m = reader.next()) != null) {
                String error = JsonMessageReader.errorOf(m);
                if (error != null) {
                    if (out != null) {
                        out.flush();
                    }
                    throw new CliException(ExitCodes.ERROR, error);
                }
                last = m;
                if (out == null) {
                    continue;
                }
                if (m.hasNonNull("stream")) {
                    out.print(m.path("stream").asText());
                } else if (m.hasNonNull("status")) {
                    String id = m.path("id").asText("");
                    String progress = m.path("progress").asText("");
                    out.println((id.isEmpty() ? "" : id + ": ") + m.path("status").asText() + (progress.isEmpty() ? "" : " " + progress));
                }
                out.flush();
            }
        }
        return last;
    }
}
