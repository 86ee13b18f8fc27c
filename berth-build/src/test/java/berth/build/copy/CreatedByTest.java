package berth.build.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreatedByTest {
    private static final String A = "file:2cc6f75217b6d0ad0246a0f00e7bb3296d332db51dc16a22ce490430905d8d80";
    private static final String D = "dir:a3a342de33ef707d8fe5b7348396d31410eafe705a555f4517297989c2ceeab7";

    @Test
    void oneSource_isItsHash_withTheDestinationAsWritten_andATrailingSpace() {
        assertThat(PreparedCopy.CreatedBy.of("COPY", Optional.empty(), Optional.empty(), List.of(A), "/new/parent/"))
                .isEqualTo("/bin/sh -c #(nop) COPY " + A + " in /new/parent/ ");
        assertThat(PreparedCopy.CreatedBy.of("ADD", Optional.empty(), Optional.empty(), List.of(D), "rel/"))
                .isEqualTo("/bin/sh -c #(nop) ADD " + D + " in rel/ ");
    }

    @Test
    void chown_isWrittenWithoutASpaceBeforeTheHash_asDockerDoes() {
        assertThat(PreparedCopy.CreatedBy.of("COPY", Optional.of("bob:grp"), Optional.empty(), List.of(A), "/new2/p/q"))
                .isEqualTo("/bin/sh -c #(nop) COPY --chown=bob:grp" + A + " in /new2/p/q ");
    }

    @Test
    void chmod_comesFirst() {
        assertThat(PreparedCopy.CreatedBy.of("COPY", Optional.of("1"), Optional.of("755"), List.of(A), "/x"))
                .isEqualTo("/bin/sh -c #(nop) COPY --chmod=755 --chown=1" + A + " in /x ");
    }

    @Test
    void severalSources_areMulti_theHashOfTheirHashesJoinedByCommas() {
        // the value dockerd 20.10 wrote for COPY a.txt dir /multi/ with these two sources
        String expected = "multi:33fd08919193841b205f77f9ac668d9f3abae734d9e877bc25ba8169dc68c122";
        assertThat(expected).isEqualTo("multi:" + HexFormat.of().formatHex(ContentDigest.sha256()
                .digest((A + "," + D).getBytes(StandardCharsets.UTF_8))));
        assertThat(PreparedCopy.CreatedBy.of("COPY", Optional.empty(), Optional.empty(), List.of(A, D), "/multi/"))
                .isEqualTo("/bin/sh -c #(nop) COPY " + expected + " in /multi/ ");
    }
}
