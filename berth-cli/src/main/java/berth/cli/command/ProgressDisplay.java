package berth.cli.command;

import berth.cli.CliException;
import berth.cli.ExitCodes;
import berth.cli.format.ProgressBar;
import berth.client.JsonMessageReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Shows a pull or push progress stream as the docker CLI does (its jsonmessage display).
 *
 * <p>On a terminal every layer keeps one line that is redrawn in place: a layer seen for the first
 * time gets a new line at the bottom, and an update moves the cursor up to the layer's line
 * ({@code ESC[nA}), clears it ({@code ESC[2K}), writes it, and moves back down ({@code ESC[nB}). A
 * line without an id ends that block, so the next operation starts fresh. Elsewhere (a pipe, a file)
 * each message is one plain line and the counting updates are left out, so a log shows each layer's
 * steps once.
 */
final class ProgressDisplay {
    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final Map<String, Integer> lines = new HashMap<>();

    /** @param width the terminal's columns (the bar is drawn from 111 on, as docker does) */
    ProgressDisplay(PrintStream out, boolean terminal, int width) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
    }

    /** A display on one of the process's streams (1 = stdout, 2 = stderr), redrawn when it is a terminal. */
    static ProgressDisplay on(PrintStream out, int fd) {
        boolean terminal = berth.cli.Terminals.isTerminal(fd);
        int width = terminal ? berth.cli.RawTerminal.size().map(rc -> rc[1]).orElse(80) : 0;
        return new ProgressDisplay(out, terminal, width);
    }

    /** Shows every message of the stream; throws the first in-stream error as exit status 1. */
    void show(InputStream stream) throws IOException {
        try (JsonMessageReader reader = new JsonMessageReader(stream)) {
            JsonNode m;
            while ((m = reader.next()) != null) {
                String error = JsonMessageReader.errorOf(m);
                if (error != null) {
                    out.flush();
                    throw new CliException(ExitCodes.ERROR, error);
                }
                show(m);
                out.flush();
            }
        }
    }

    /** One message. */
    void show(JsonNode m) {
        if (m.has("aux")) {
            return; // push's digest record: for programs, not people
        }
        String id = m.path("id").asText("");
        boolean isProgress = m.has("progressDetail") && m.get("progressDetail").isObject() || m.hasNonNull("progress");
        int up = 0;
        if (!id.isEmpty() && isProgress) {
            Integer line = lines.get(id);
            if (line == null) {
                line = lines.size();
                lines.put(id, line);
                if (terminal) {
                    out.print("\n");
                }
            }
            up = lines.size() - line;
            if (terminal) {
                cursorUp(up);
            }
        } else {
            lines.clear();
        }
        display(m, id, isProgress);
        if (!id.isEmpty() && terminal) {
            cursorDown(up);
        }
    }

    private void display(JsonNode m, String id, boolean isProgress) {
        String bar = isProgress ? bar(m) : "";
        String endl = "";
        if (terminal && !m.hasNonNull("stream") && isProgress) {
            out.print("\u001b[2K\r");
            endl = "\r";
        } else if (isProgress && !bar.isEmpty()) {
            return; // counting updates make no sense without a cursor
        }
        if (!id.isEmpty()) {
            out.print(id + ": ");
        }
        String status = m.path("status").asText("");
        if (isProgress && terminal) {
            out.print(status + " " + bar + endl);
        } else if (m.hasNonNull("stream")) {
            out.print(m.path("stream").asText() + endl);
        } else {
            out.print(status + endl + "\n");
        }
    }

    private String bar(JsonNode m) {
        JsonNode d = m.path("progressDetail");
        long current = d.path("current").asLong(0);
        long total = d.path("total").asLong(0);
        if (current > 0 || total > 0) {
            return ProgressBar.render(current, total, width);
        }
        return m.path("progress").asText("");
    }

    private void cursorUp(int n) {
        if (n > 0) {
            out.print("\u001b[" + n + "A");
        }
    }

    private void cursorDown(int n) {
        if (n > 0) {
            out.print("\u001b[" + n + "B");
        }
    }
}
