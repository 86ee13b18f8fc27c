package berth.logging.local;

import static berth.logging.logfile.LogTestSupport.RUNNING;
import static berth.logging.logfile.LogTestSupport.T0;
import static berth.logging.logfile.LogTestSupport.context;
import static berth.logging.logfile.LogTestSupport.readAll;
import static berth.logging.logfile.LogTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import berth.logs.LogEntry;
import berth.logs.LogOptions;
import berth.logs.StreamType;
import berth.logs.driver.LogDriver;
import berth.logs.driver.LogMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local driver's records against a file dockerd 20.10.24 wrote
 * (src/test/resources/docker-reference/local-20.10.log: the same busybox script as the json-file golden test,
 * {@code --log-driver local}).
 */
class LocalFormatTest {
    @TempDir
    Path dir;

    @Test
    void decodesDockerdsRecordsAndEncodesThemToTheSameBytes() throws Exception {
        byte[] golden = golden();
        List<LocalEntry> entries = new ArrayList<>();
        int off = 0;
        while (off < golden.length) {
            int len = LocalLogFormat.INSTANCE.recordLength(golden, off, golden.length - off);
            assertThat(len).isPositive();
            LocalEntry e = LocalEntryCodec.decode(golden, off + 4, len - 8);
            entries.add(e);
            LocalEntryCodec codec = new LocalEntryCodec();
            byte[] again = Arrays.copyOf(codec.encode(e), codec.length());
            assertThat(again).isEqualTo(Arrays.copyOfRange(golden, off, off + len));
            off += len;
        }
        assertThat(entries).hasSize(8);
        assertThat(entries).extracting(LocalEntry::source).containsOnly("stdout", "stderr");
        assertThat(entries).extracting(e -> new String(e.line(), StandardCharsets.UTF_8))
                .contains("plain line", "to stderr", "", "no newline at end");
        LocalEntry last = entries.getLast();
        assertThat(last.partial()).isTrue();
        assertThat(last.partialMetadata()).hasValueSatisfying(md -> {
            assertThat(md.last()).isFalse();
            assertThat(md.ordinal()).isEqualTo(1);
            assertThat(md.id()).matches("[0-9a-f]{64}");
        });
        assertThat(entries.getFirst().timeNano()).isGreaterThan(1_700_000_000_000_000_000L);
    }

    @Test
    void readsDockerdsFileWithNewlinesOnCompleteLines() throws Exception {
        Path log = dir.resolve("container.log");
        Files.write(log, golden());
        try (LogDriver driver = new LocalDriverFactory().create(context(log, Map.of()))) {
            List<String> got = texts(readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow()));
            assertThat(got).contains("plain line\n", "to stderr\n", "\n");
            assertThat(got.getLast()).isEqualTo("no newline at end");
            assertThat(texts(readAll(driver.read(berth.logging.logfile.LogTestSupport.tail(2), RUNNING).orElseThrow())))
                    .isEqualTo(got.subList(got.size() - 2, got.size()));
        }
    }

    @Test
    void piecesOfALineShareAnIdAndCountOrdinals_perStream() throws Exception {
        Path log = dir.resolve("container.log");
        try (LogDriver driver = new LocalDriverFactory().create(context(log, Map.of()))) {
            driver.log(new LogMessage(StreamType.STDOUT, bytes("a"), T0, true));
            driver.log(new LogMessage(StreamType.STDERR, bytes("err"), T0, false));
            driver.log(new LogMessage(StreamType.STDOUT, bytes("b"), T0, true));
            driver.log(new LogMessage(StreamType.STDOUT, bytes("c"), T0, false));
            driver.log(new LogMessage(StreamType.STDOUT, bytes("d"), T0.plusNanos(1), false));
            List<LogEntry> read = readAll(driver.read(LogOptions.all(), RUNNING).orElseThrow());
            assertThat(texts(read)).containsExactly("a", "err\n", "b", "c\n", "d\n");
            assertThat(read.get(4).time()).isEqualTo(T0.plusNanos(1));
        }
        List<LocalEntry> raw = raw(Files.readAllBytes(log));
        String id = raw.get(0).partialMetadata().orElseThrow().id();
        assertThat(raw.get(0).partialMetadata()).contains(new LocalEntry.PartialMetadata(false, id, 1));
        assertThat(raw.get(1).partial()).isFalse();
        assertThat(raw.get(1).partialMetadata()).isEmpty();
        assertThat(raw.get(2).partialMetadata()).contains(new LocalEntry.PartialMetadata(false, id, 2));
        assertThat(raw.get(3).partial()).isTrue();
        assertThat(raw.get(3).partialMetadata()).contains(new LocalEntry.PartialMetadata(true, id, 3));
        assertThat(raw.get(4).partial()).isFalse();
        assertThat(raw.get(4).timeNano()).isEqualTo(T0.getEpochSecond() * 1_000_000_000L + 1);
    }

    @Test
    void encodesNegativeOrdinalsAndTimesAsProtobufSignExtendedVarints() throws Exception {
        LocalEntry e = new LocalEntry("stdout", -5, bytes("x"), true,
                Optional.of(new LocalEntry.PartialMetadata(false, "id", -1)));
        LocalEntryCodec codec = new LocalEntryCodec();
        byte[] framed = Arrays.copyOf(codec.encode(e), codec.length());
        // tag 2 varint: ten bytes for a negative int64
        assertThat(framed[4 + 8]).isEqualTo((byte) 0x10);
        assertThat(LocalEntryCodec.decode(framed, 4, framed.length - 8)).usingRecursiveComparison().isEqualTo(e);
    }

    private static List<LocalEntry> raw(byte[] file) throws Exception {
        List<LocalEntry> out = new ArrayList<>();
        for (int off = 0; off < file.length; ) {
            int len = LocalLogFormat.INSTANCE.recordLength(file, off, file.length - off);
            out.add(LocalEntryCodec.decode(file, off + 4, len - 8));
            off += len;
        }
        return out;
    }

    private static byte[] golden() throws Exception {
        try (InputStream in = LocalFormatTest.class.getResourceAsStream("/docker-reference/local-20.10.log")) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

}
