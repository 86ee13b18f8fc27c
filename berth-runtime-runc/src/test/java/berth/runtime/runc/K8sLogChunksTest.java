package berth.runtime.runc;

import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sLogChunksTest {
    private static final String STAMP = "2026-12-04T20:47:49.123456789+00:00 stdout F ";

    @TempDir
    Path dir;

    @Test
    void everyLineLengthAndALineLongerThanAChunkComeOutWhole() throws Exception {
        StringBuilder file = new StringBuilder();
        for (int len = 0; len < 70; len++) {
            file.append(STAMP).append("x".repeat(len)).append('\n');
        }
        String huge = "y".repeat(K8sLogChunks.CHUNK * 2 + 3);
        file.append(STAMP).append(huge).append('\n');
        file.append("not a log line\n");
        file.append(STAMP).append("last").append('\n');
        file.append(STAMP).append("unfinished");
        Path log = dir.resolve("log");
        Files.writeString(log, file);

        K8sLogChunks chunks = new K8sLogChunks();
        chunks.reset(0);
        try (FileChannel ch = FileChannel.open(log)) {
            StringBuilder got = new StringBuilder();
            int entries = 0;
            long consumedBeforeLast = -1;
            while (true) {
                LogEntry e = chunks.next();
                if (e == null) {
                    if (chunks.fill(ch) == 0) {
                        break;
                    }
                    continue;
                }
                entries++;
                String text = new String(e.data(), StandardCharsets.UTF_8);
                if (text.equals("last\n")) {
                    consumedBeforeLast = chunks.consumed();
                }
                got.append(text);
            }
            assertThat(entries).isEqualTo(72);
            StringBuilder want = new StringBuilder();
            for (int len = 0; len < 70; len++) {
                want.append("x".repeat(len)).append('\n');
            }
            want.append(huge).append('\n').append("last\n");
            assertThat(got.toString()).isEqualTo(want.toString());
            long fileLength = Files.size(log);
            assertThat(consumedBeforeLast).isEqualTo(fileLength - (STAMP + "unfinished").length());
            assertThat(chunks.hasRemainder()).isTrue();
            assertThat(new String(chunks.takeRemainder().data(), StandardCharsets.UTF_8)).isEqualTo("unfinished\n");
            assertThat(chunks.consumed()).isEqualTo(fileLength);
        }
    }
}
