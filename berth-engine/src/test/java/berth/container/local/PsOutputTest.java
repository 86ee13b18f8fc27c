package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.TopResult;
import berth.errors.BerthException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PsOutputTest {
    private static final String PS = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 08:35 ?        00:00:01 /sbin/init
            root         812     790  0 09:10 ?        00:00:00 sleep 600 --with args
            nobody       813     812  0 09:10 ?        00:00:00 sh -c echo hi
            """;

    @Test
    void parse_keepsTheContainersRowsAndTheCommandWithItsSpaces() {
        TopResult top = PsOutput.parse(PS, Set.of(812, 813));
        assertThat(top.titles()).containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
        assertThat(top.processes()).hasSize(2);
        assertThat(top.processes().getFirst())
                .isEqualTo(List.of("root", "812", "790", "0", "09:10", "?", "00:00:00", "sleep 600 --with args"));
        assertThat(top.processes().get(1).getLast()).isEqualTo("sh -c echo hi");
    }

    @Test
    void parse_refusesOutputWithoutAPidColumn() {
        assertThatThrownBy(() -> PsOutput.parse("USER COMMAND\nroot init\n", Set.of(1)))
                .isInstanceOf(BerthException.class).hasMessage("Couldn't find PID field in ps output");
    }
}
