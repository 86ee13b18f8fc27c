package berth.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipeStreamsTest {
    @Test
    void blockedReadersDoNotHoldTheCarrierThreadsOfVirtualThreads() throws Exception {
        int readers = Runtime.getRuntime().availableProcessors() * 2 + 2;
        List<OutputStream> writers = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            int[] p = Fds.pipe();
            InputStream in = PipeStreams.input(p[0]);
            writers.add(PipeStreams.output(p[1]));
            CompletableFuture<String> r = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (in) {
                    r.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    r.completeExceptionally(e);
                }
            });
            results.add(r);
        }
        // with every carrier pinned in a blocking read, this virtual thread would never run
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < writers.size(); i++) {
                try (OutputStream out = writers.get(i)) {
                    out.write(("pipe " + i).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }
        }, r -> Thread.ofVirtual().start(r));
        writer.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < readers; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("pipe " + i);
        }
    }

    @Test
    void aLargeWriteWaitsForTheReaderAndArrivesWhole() throws Exception {
        int[] p = Fds.pipe();
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        try (InputStream in = PipeStreams.input(p[0])) {
            OutputStream out = PipeStreams.output(p[1]);
            Thread w = Thread.ofVirtual().start(() -> {
                try (out) {
                    out.write(data);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(in.readAllBytes()).isEqualTo(data);
            w.join();
        }
    }

    @Test
    void closeWakesABlockedReaderAndWritesToAClosedReaderFail() throws Exception {
        int[] p = Fds.pipe();
        InputStream in = PipeStreams.input(p[0]);
        OutputStream out = PipeStreams.output(p[1]);
        CompletableFuture<Object> read = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                read.complete(in.read());
            } catch (IOException e) {
                read.complete(e);
            }
        });
        Thread.sleep(100);
        in.close();
        t.join(5000);
        assertThat(read.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("pipe");
        out.close();
    }
}
