package berth.cli.command;

import berth.cli.CliException;
import berth.client.JsonMessageReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Reads {@code POST /build}'s stream as the docker CLI does: {@code stream} text printed as it is,
 * {@code status} lines (a FROM image being pulled) as {@code id: status}, the {@code aux} image ID kept for
 * {@code --iidfile}, and an error ends it with the error's {@code code} as the exit status (a failed RUN's
 * own; 1 when there is none).
 */
final class BuildProgress {
    private final PrintStream out;
    private String imageId = "";

    /** @param out where the text goes; a buffer for {@code -q} */
    BuildProgress(PrintStream out) {
        this.out = out;
    }

    /** Prints the stream to its end; throws a CliException with the daemon's message and exit code on an error line. */
    void show(InputStream body) throws IOException {
        try (JsonMessageReader reader = new JsonMessageReader(body)) {
            JsonNode m;
            while ((m = reader.next()) != null) {
                String error = JsonMessageReader.errorOf(m);
                if (error != null) {
                    out.flush();
                    int code = m.path("errorDetail").path("code").asInt(0);
                    throw new CliException(code == 0 ? 1 : code, error);
                }
                JsonNode aux = m.path("aux");
                if (aux.path("ID").isTextual()) {
                    imageId = aux.path("ID").asText();
                } else if (m.hasNonNull("stream")) {
                    out.print(m.path("stream").asText());
                } else if (m.hasNonNull("status")) {
                    String id = m.path("id").asText("");
                    String progress = m.path("progress").asText("");
                    out.println((id.isEmpty() ? "" : id + ": ") + m.path("status").asText() + (progress.isEmpty() ? "" : " " + progress));
                }
                out.flush();
            }
        }
    }

    /** The ID the daemon sent in {@code aux}, or {@code ""}. */
    String imageId() {
        return imageId;
    }
}
