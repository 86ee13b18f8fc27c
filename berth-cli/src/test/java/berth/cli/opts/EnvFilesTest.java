package berth.cli.opts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFilesTest {
    private static java.util.List<String> parse(String text, Map<String, String> env) {
        return EnvFiles.parse(text.getBytes(StandardCharsets.UTF_8), "f", env);
    }

    @Test
    void lines_areKeptVerbatim_commentsAndBlanksSkipped() {
        assertThat(parse("A=1\n# comment\n\n  C=x y \nD=\"q\"\r\nE==\n", Map.of()))
                .containsExactly("A=1", "C=x y ", "D=\"q\"", "E==");
    }

    @Test
    void bareNames_takeTheCallersValue_orAreLeftOut() {
        assertThat(parse("HOME\nUNSET\n", Map.of("HOME", "/root"))).containsExactly("HOME=/root");
    }

    @Test
    void badLines_areRefused() {
        assertThatThrownBy(() -> parse("=x\n", Map.of())).hasMessage("no variable name on line '=x'");
        assertThatThrownBy(() -> parse("A B=1\n", Map.of())).hasMessage("variable 'A B' contains whitespaces");
        assertThatThrownBy(() -> EnvFiles.parse(new byte[] {'A', '=', (byte) 0xff}, "f", Map.of()))
                .hasMessage("env file f contains invalid utf8 bytes at line 1");
    }

    @Test
    void aMissingFile_isReportedAsGoReportsIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> EnvFiles.read(dir.resolve("nope"), Map.of()))
                .hasMessage("open " + dir.resolve("nope") + ": no such file or directory");
        Files.writeString(dir.resolve("ok"), "\uFEFFA=1\n");
        assertThat(EnvFiles.read(dir.resolve("ok"), Map.of())).containsExactly("A=1");
    }
}
