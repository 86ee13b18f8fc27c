package berth.runtime.runc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import berth.logs.LogEntry;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read speed of the spool: {@code -Dberth.spool.bench=<MiB>} writes a k8s-file of that size and reads it
 * through {@link K8sFileSpool}, printing MB/s. Skipped otherwise; it measures, it does not assert.
 */
class K8sFileSpoolBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void readSpeed() throws Exception {
        String size = System.getProperty("berth.spool.bench");
        assumeTrue(size != null, "set -Dberth.spool.bench=<MiB> to measure");
        long target = Long.parseLong(size) << 20;
        Path log = dir.resolve("container.log");
        long written = 0;
        try (OutputStream out = Files.newOutputStream(log)) {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            while (written < target) {
                sb.setLength(0);
                // conmon stamps each read of the pipe once: a few lines share a timestamp
                for (int j = 0; j < 1000; j++, i++) {
                    sb.append("2026-12-04T20:47:").append(String.format("%02d", (i / 5000) % 60)).append('.')
                            .append(String.format("%09d", i / 20)).append("+00:00 ")
                            .append(i % 10 == 0 ? "stderr" : "stdout").append(" F ")
                            .append("GET /index.html 200 ").append(i).append(" user-agent=curl/8.5.0 bytes=512 ms=3\n");
                }
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                out.write(b);
                written += b.length;
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        try (DirectoryWatcher watcher = new DirectoryWatcher()) {
            for (int run = 0; run < 3; run++) {
                Files.deleteIfExists(dir.resolve("container.log.cursor"));
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long entries = 0;
                long data = 0;
                try (K8sFileSpool spool = new K8sFileSpool(log, () -> null, watcher, K8sFileSpool.DEFAULT_ROTATE_BYTES)) {
                    CompletableFuture<Void> end = CompletableFuture.completedFuture(null);
                    Optional<LogEntry> e;
                    while ((e = spool.next(end)).isPresent()) {
                        entries++;
                        data += e.get().data().length;
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                System.out.printf("spool read: %d MB of spool, %d entries (%d MB of output) in %.2f s (cpu %.2f s): %.0f MB/s%n",
                        written / 1_000_000, entries, data / 1_000_000, secs, cpu, written / 1e6 / secs);
            }
        }
    }
}
