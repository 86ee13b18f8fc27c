package berth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonMessageReaderTest {
    @Test
    void next_readsSuccessiveRootValues_withOrWithoutNewlines() throws IOException {
        String stream = "{\"status\":\"a\"}\n{\"status\":\"b\",\"progressDetail\":{\"current\":5000000000}}{\"status\":\"c\"}\r\n\n  [1]";
        try (JsonMessageReader r = new JsonMessageReader(in(stream))) {
            assertThat(r.next().path("status").asText()).isEqualTo("a");
            assertThat(r.next().path("progressDetail").path("current").asLong()).isEqualTo(5_000_000_000L);
            assertThat(r.next().path("status").asText()).isEqualTo("c");
            assertThat(r.next().get(0).asInt()).isEqualTo(1);
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void next_buildsTheSameTreesAsTheMapper_evenWhenBytesArriveOneAtATime() throws IOException {
        String a = "{\"id\":\"sha256:ab\",\"aux\":{\"ID\":\"x\"},\"n\":[1,2.5,\"\\u00e9\"]}";
        String b = "{\"errorDetail\":{\"message\":\"no space\"},\"error\":\"no space\"}";
        InputStream trickle = new InputStream() {
            private final InputStream in = in(a + "\n" + b + "\n");

            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return len == 0 ? 0 : in.read(buf, off, 1);
            }
        };
        ObjectMapper mapper = new ObjectMapper();
        try (JsonMessageReader r = new JsonMessageReader(trickle)) {
            assertThat(r.next()).isEqualTo(mapper.readTree(a));
            assertThat(r.next()).isEqualTo(mapper.readTree(b));
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void next_returnsAMessageAsSoonAsItIsComplete() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer);
        // Written before the reader exists: creating a parser reads the first bytes to detect the encoding.
        writer.write("{\"status\":\"first\"}\n".getBytes(StandardCharsets.UTF_8));
        writer.flush();
        try (JsonMessageReader r = new JsonMessageReader(pipe)) {
            // The stream is still open: a reader that waited for more input would hang here.
            assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThat(r.next().path("status").asText()).isEqualTo("first"));
            writer.close();
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void next_reportsBrokenJsonAsAnIOExceptionNamingTheStream() throws IOException {
        try (JsonMessageReader r = new JsonMessageReader(in("{\"status\":\"ok\"}\n{\"status\" \"x\"}"))) {
            assertThat(r.next().path("status").asText()).isEqualTo("ok");
            assertThatThrownBy(r::next).isInstanceOf(IOException.class).hasMessageContaining("progress stream");
        }
    }

    @Test
    void next_onAnEmptyStreamIsNull() throws IOException {
        try (JsonMessageReader r = new JsonMessageReader(in(""))) {
            assertThat(r.next()).isNull();
        }
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
