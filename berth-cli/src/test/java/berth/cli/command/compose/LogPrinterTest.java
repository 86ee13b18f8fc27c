package berth.cli.command.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void prefixes_arePaddedToTheWidestName() {
        LogPrinter p = new LogPrinter(out, false, true);
        p.register("web-1", "web");
        p.register("worker-10", "worker");
        p.line("web-1", "web", "GET /");
        p.line("worker-10", "worker", "working");
        p.event("web-1", "web", "exited with code 0");
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("web-1      | GET /\nworker-10  | working\nweb-1 exited with code 0\n");
    }

    @Test
    void colours_differPerService_andNoPrefixLeavesTheLineAlone() {
        LogPrinter p = new LogPrinter(out, true, true);
        p.register("a-1", "a");
        p.register("b-1", "b");
        assertThat(p.prefix("a-1", "a")).isEqualTo("\033[36ma-1  | \033[0m");
        assertThat(p.prefix("b-1", "b")).isEqualTo("\033[33mb-1  | \033[0m");
        LogPrinter plain = new LogPrinter(out, true, false);
        plain.register("a-1", "a");
        plain.line("a-1", "a", "raw");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("raw\n");
    }
}
