package berth.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import org.junit.jupiter.api.Test;

class DetachKeysTest {

    @Test
    void parse_emptyMeansCtrlPCtrlQ() {
        assertThat(DetachKeys.parse("").sequence()).containsExactly(0x10, 0x11);
        assertThat(DetachKeys.parse(null)).isEqualTo(DetachKeys.DEFAULT);
        assertThat(DetachKeys.parse(DetachKeys.DEFAULT_SPEC)).isEqualTo(DetachKeys.DEFAULT);
    }

    @Test
    void parse_readsCtrlKeysSingleCharactersAndDel() {
        assertThat(DetachKeys.parse("ctrl-x").sequence()).containsExactly(0x18);
        assertThat(DetachKeys.parse("ctrl-a,x").sequence()).containsExactly(0x01, 'x');
        assertThat(DetachKeys.parse("ctrl-@,ctrl-_,ctrl-\\,DEL").sequence()).containsExactly(0, 31, 28, 127);
    }

    @Test
    void parse_rejectsUnknownKeysAsInvalidArgumentInDockersWords() {
        for (String bad : new String[] {"ctrl-P", "ctrl-1", "alt-x", "a,,b", "ctrl-", "xy", ","}) {
            assertThatThrownBy(() -> DetachKeys.parse(bad))
                    .isInstanceOf(BerthException.class)
                    .hasMessageStartingWith("Invalid detach keys (" + bad + ") provided")
                    .extracting(e -> ((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
        }
    }
}
