package berth.api.routes;

import static org.assertj.core.api.Assertions.assertThat;

import berth.container.DetachKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscapeWatcherTest {
    private static final byte P = 0x10;
    private static final byte Q = 0x11;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void feed_passesOrdinaryKeystrokesThrough() {
        EscapeWatcher w = new EscapeWatcher(DetachKeys.DEFAULT);
        EscapeWatcher.Result r = w.feed(bytes("ls -l\r"));
        assertThat(r.forward()).isEqualTo(bytes("ls -l\r"));
        assertThat(r.detached()).isFalse();
    }

    @Test
    void feed_detachesOnTheSequenceInOneChunkAndKeepsWhatCameBefore() {
        EscapeWatcher w = new EscapeWatcher(DetachKeys.DEFAULT);
        EscapeWatcher.Result r = w.feed(new byte[] {'a', P, Q, 'b'});
        assertThat(r.detached()).isTrue();
        assertThat(r.forward()).containsExactly('a');
        assertThat(w.feed(bytes("more")).forward()).isEmpty();
    }

    @Test
    void feed_detachesOnTheSequenceSplitAcrossChunks() {
        EscapeWatcher w = new EscapeWatcher(DetachKeys.DEFAULT);
        EscapeWatcher.Result first = w.feed(new byte[] {P});
        assertThat(first.forward()).isEmpty();
        assertThat(first.detached()).isFalse();
        assertThat(w.feed(new byte[] {Q}).detached()).isTrue();
    }

    @Test
    void feed_releasesAHeldPrefixWhenTheSequenceDoesNotGoOn() {
        EscapeWatcher w = new EscapeWatcher(DetachKeys.DEFAULT);
        assertThat(w.feed(new byte[] {P}).forward()).isEmpty();
        EscapeWatcher.Result r = w.feed(new byte[] {'x'});
        assertThat(r.forward()).containsExactly(P, 'x');
        assertThat(r.detached()).isFalse();
    }

    @Test
    void feed_restartsTheMatchOnARepeatedFirstKey() {
        EscapeWatcher w = new EscapeWatcher(DetachKeys.DEFAULT);
        EscapeWatcher.Result r = w.feed(new byte[] {P, P, Q});
        assertThat(r.detached()).isTrue();
        assertThat(r.forward()).containsExactly(P);
    }

    @Test
    void feed_detachesOnASingleKeySequence() {
        EscapeWatcher w = new EscapeWatcher(DetachKeys.parse("ctrl-x"));
        EscapeWatcher.Result r = w.feed(new byte[] {'h', 'i', 0x18});
        assertThat(r.detached()).isTrue();
        assertThat(r.forward()).isEqualTo(bytes("hi"));
    }

    @Test
    void feed_withTheDefaultKeysIgnoresCtrlX() {
        EscapeWatcher w = new EscapeWatcher(DetachKeys.DEFAULT);
        EscapeWatcher.Result r = w.feed(new byte[] {0x18});
        assertThat(r.detached()).isFalse();
        assertThat(r.forward()).containsExactly(0x18);
    }
}
