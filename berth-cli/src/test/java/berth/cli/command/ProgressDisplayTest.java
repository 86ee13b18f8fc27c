package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.cli.CliException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    static final String PULL = """
            {"status":"Pulling from library/busybox","id":"latest"}
            {"status":"Pulling fs layer","progressDetail":{},"id":"aaa"}
            {"status":"Pulling fs layer","progressDetail":{},"id":"bbb"}
            {"status":"Downloading","progressDetail":{"current":500,"total":1000},"progress":"[==>  ] 500B/1kB","id":"aaa"}
            {"status":"Pull complete","progressDetail":{},"id":"aaa"}
            {"status":"Digest: sha256:ab"}
            """;

    static String show(String stream, boolean terminal, int width) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new ProgressDisplay(out, terminal, width).show(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void notATerminal_plainLinesWithoutTheCountingUpdates() throws IOException {
        assertThat(show(PULL, false, 0)).isEqualTo("""
                latest: Pulling from library/busybox
                aaa: Pulling fs layer
                bbb: Pulling fs layer
                aaa: Pull complete
                Digest: sha256:ab
                """);
    }

    @Test
    void terminal_givesEachLayerALineRedrawnInPlace() throws IOException {
        String esc = "\u001b";
        assertThat(show(PULL, true, 80)).isEqualTo(
                "latest: Pulling from library/busybox\n"
                        // aaa: a new line, then up one, clear, draw, down one
                        + "\n" + esc + "[1A" + esc + "[2K\raaa: Pulling fs layer \r" + esc + "[1B"
                        + "\n" + esc + "[1A" + esc + "[2K\rbbb: Pulling fs layer \r" + esc + "[1B"
                        // aaa is two lines up now
                        + esc + "[2A" + esc + "[2K\raaa: Downloading     500B/1kB\r" + esc + "[2B"
                        + esc + "[2A" + esc + "[2K\raaa: Pull complete \r" + esc + "[2B"
                        + "Digest: sha256:ab\n");
    }

    @Test
    void wideTerminal_drawsTheBar() throws IOException {
        String out = show("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":500,\"total\":1000},\"id\":\"aaa\"}\n", true, 150);
        assertThat(out).contains("aaa: Downloading [" + "=".repeat(25) + ">" + " ".repeat(25) + "]     500B/1kB\r");
    }

    @Test
    void auxLines_areNotShown_andAnErrorEndsTheDisplay() throws IOException {
        assertThat(show("{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\"}}\n{\"status\":\"v1: digest: sha256:ab size: 527\"}\n", false, 0))
                .isEqualTo("v1: digest: sha256:ab size: 527\n");
        assertThatThrownBy(() -> show("{\"status\":\"Pulling\"}\n{\"errorDetail\":{\"message\":\"boom\"},\"error\":\"boom\"}\n", false, 0))
                .isInstanceOf(CliException.class).hasMessage("boom");
    }
}
