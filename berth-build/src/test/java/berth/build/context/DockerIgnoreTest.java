package berth.build.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
    @Test
    void parse_dropsCommentsAndBlankLinesAndTrims() {
        String text = "# a comment\n\n   \n  node_modules  \n #not a comment\n*.log\r\n";
        assertThat(DockerIgnore.parse(text)).containsExactly("node_modules", "#not a comment", "*.log");
    }

    @Test
    void parse_cleansPathsAndKeepsExceptions() {
        String text = "/abs\n./rel/\na//b/../c\n!  keep/me/\n!/root\n/\n.\n";
        assertThat(DockerIgnore.parse(text)).containsExactly("abs", "rel", "a/c", "!keep/me", "!root", "/", ".");
    }

    @Test
    void parse_dropsAByteOrderMarkAndKeepsBackslashes() {
        assertThat(DockerIgnore.parse("\uFEFF*.tmp\n\\#literal\n")).containsExactly("*.tmp", "\\#literal");
    }

    @Test
    void read_decodesUtf8() {
        byte[] bytes = "d\u00e9j\u00e0\n".getBytes(StandardCharsets.UTF_8);
        assertThat(DockerIgnore.read(new ByteArrayInputStream(bytes))).containsExactly("d\u00e9j\u00e0");
    }

    @Test
    void aLoneBangIsKeptForTheMatcherToRefuse() {
        assertThat(DockerIgnore.parse("!\n")).containsExactly("!");
    }
}
