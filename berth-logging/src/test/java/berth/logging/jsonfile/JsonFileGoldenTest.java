package berth.logging.jsonfile;

import static berth.logging.logfile.LogTestSupport.RUNNING;
import static berth.logging.logfile.LogTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.StreamType;
import berth.logs.driver.LogContext;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares with a file dockerd 20.10.24 wrote (src/test/resources/docker-reference/json-file-20.10.log):
 * busybox printing the lines below with {@code --log-opt labels=app,missing labels-regex=^z env=FOO
 * env-regex=^B tag={{.Name}}/{{.ImageName}}}, labels app='web<&>' zed=1 other=2, env FOO=bar BAZ='q"x' NOPE=1.
 */
class JsonFileGoldenTest {
    /** What the container wrote, in the order dockerd stored it (stderr came first), and whether the line ended. */
    private static final List<Object[]> WRITTEN = List.of(
            new Object[] {StreamType.STDERR, bytes("to stderr"), false},
            new Object[] {StreamType.STDOUT, bytes("plain line"), false},
            new Object[] {StreamType.STDOUT, bytes("tab\there \"quote\" back\\slash <html> & amp"), false},
            new Object[] {StreamType.STDOUT, bytes("utf8 é€ sep\u2028x para\u2029y"), false},
            new Object[] {StreamType.STDOUT, bytes("ctl \u0001\u0002\u001b[0m cr\r end"), false},
            new Object[] {StreamType.STDOUT, concat(bytes("bad "), new byte[] {(byte) 0xff, (byte) 0xfe}, bytes(" utf8")), false},
            new Object[] {StreamType.STDOUT, new byte[0], false},
            new Object[] {StreamType.STDOUT, bytes("no newline at end"), true});

    @TempDir
    Path dir;

    @Test
    void writesTheSameBytesAsDockerd() throws Exception {
        byte[] golden = golden();
        List<Instant> times = times(golden);
        Path log = dir.resolve("c-json.log");
        try (LogDriver driver = new JsonFileDriverFactory().create(dockerContext(log))) {
            for (int i = 0; i < WRITTEN.size(); i++) {
                Object[] w = WRITTEN.get(i);
                driver.log(new LogMessage((StreamType) w[0], (byte[]) w[1], times.get(i), (boolean) w[2]));
            }
        }
        assertThat(new String(Files.readAllBytes(log), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
        assertThat(Files.getPosixFilePermissions(log)).hasToString("[OWNER_READ, OWNER_WRITE, GROUP_READ]");
    }

    @Test
    void readsWhatDockerdWrote() throws Exception {
        byte[] golden = golden();
        Path log = dir.resolve("c-json.log");
        Files.write(log, golden);
        List<LogEntry> entries;
        try (LogDriver driver = new JsonFileDriverFactory().create(dockerContext(log))) {
            entries = readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow());
        }
        assertThat(entries).hasSize(WRITTEN.size());
        assertThat(entries.get(0).stream()).isEqualTo(StreamType.STDERR);
        assertThat(entries.get(1).data()).isEqualTo(bytes("plain line\n"));
        assertThat(new String(entries.get(5).data(), StandardCharsets.UTF_8)).isEqualTo("bad \ufffd\ufffd utf8\n");
        assertThat(entries.get(6).data()).isEqualTo(bytes("\n"));
        assertThat(entries.get(7).data()).isEqualTo(bytes("no newline at end"));
        assertThat(entries.get(7).time()).isEqualTo(Instant.parse("2026-12-04T19:09:27.673614738Z"));
    }

    private LogContext dockerContext(Path log) {
        return new LogContext(
                Map.of("labels", "app,missing", "labels-regex", "^z", "env", "FOO", "env-regex", "^B",
                        "tag", "{{.Name}}/{{.ImageName}}"),
                "19fe3fd4bd55d886833d82a8c465797c77b2059fba571faed51be4e8f15e6242", "l1-json-file",
                "sha256:aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999", "busybox",
                Instant.parse("2026-12-04T19:09:27Z"), Map.of("app", "web<&>", "zed", "1", "other", "2"),
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "FOO=bar", "BAZ=q\"x", "NOPE=1"),
                log, "berth", "19fe3fd4bd55");
    }

    private static List<Instant> times(byte[] golden) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Instant> times = new ArrayList<>();
        for (String line : new String(golden, StandardCharsets.UTF_8).split("\n")) {
            times.add(Instant.parse(json.readTree(line).get("time").asText()));
        }
        return times;
    }

    static byte[] golden() throws Exception {
        try (InputStream in = JsonFileGoldenTest.class.getResourceAsStream("/docker-reference/json-file-20.10.log")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
