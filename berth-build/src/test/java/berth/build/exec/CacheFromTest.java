package berth.build.exec;

import static org.assertj.core.api.Assertions.assertThat;

import berth.content.Digest;
import berth.image.HistoryEntry;
import berth.image.Image;
import berth.image.ImageConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheFromTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private static Digest d(char c) {
        return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
    }

    private static HistoryEntry h(String by, boolean empty) {
        return new HistoryEntry(Optional.of(T), by, "", empty);
    }

    private static Image image(char id, List<HistoryEntry> history, List<Digest> layers) {
        return new Image(d(id), List.of(), List.of(), "", "", T, "", "amd64", "linux", ImageConfig.empty(), layers,
                history, 0);
    }

    private final Image base = image('a', List.of(h("ADD file in /", false), h("CMD [\"sh\"]", true)), List.of(d('1')));
    private final Image built = image('b', List.of(h("ADD file in /", false), h("CMD [\"sh\"]", true),
            h("/bin/sh -c make", false), h("ENV A=b", true)), List.of(d('1'), d('2')));

    @Test
    void aSourceServes_whenItBeginsWithTheParentsHistoryAndLayers() {
        assertThat(CacheFrom.validParent(built, Optional.of(base))).isTrue();
        assertThat(CacheFrom.validParent(built, Optional.empty())).isTrue();
        Image other = image('c', List.of(h("ADD other in /", false), h("CMD [\"sh\"]", true)), List.of(d('9')));
        assertThat(CacheFrom.validParent(built, Optional.of(other))).isFalse();
        assertThat(CacheFrom.validParent(base, Optional.of(built))).isFalse();
    }

    @Test
    void layerAt_countsOnlyEntriesThatMadeALayer() {
        assertThat(CacheFrom.layerAt(built, 0)).contains(d('1'));
        assertThat(CacheFrom.layerAt(built, 1)).isEmpty();
        assertThat(CacheFrom.layerAt(built, 2)).contains(d('2'));
        assertThat(CacheFrom.layerAt(built, 3)).isEmpty();
    }
}
