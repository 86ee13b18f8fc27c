package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void parse_acceptsNamesWithOrWithoutSigInAnyCase() {
        assertThat(Signals.parse("KILL")).isEqualTo(9);
        assertThat(Signals.parse("SIGTERM")).isEqualTo(15);
        assertThat(Signals.parse("usr1")).isEqualTo(10);
        assertThat(Signals.parse("sigUsr2")).isEqualTo(12);
        assertThat(Signals.parse(" HUP ")).isEqualTo(1);
    }

    @Test
    void parse_acceptsNumbersFromOneTo64() {
        assertThat(Signals.parse("9")).isEqualTo(9);
        assertThat(Signals.parse("10")).isEqualTo(10);
        assertThat(Signals.parse("64")).isEqualTo(64);
    }

    @Test
    void parse_refusesWhatIsNoSignal() {
        for (String bad : new String[] {"0", "65", "99999999999", "-1", "NOPE", "SIG", "RTMIN+1", "", " "}) {
            assertThatThrownBy(() -> Signals.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(BerthException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT))
                    .hasMessageStartingWith("Invalid signal: ");
        }
        assertThatThrownBy(() -> Signals.parse(null)).isInstanceOf(BerthException.class);
    }
}
