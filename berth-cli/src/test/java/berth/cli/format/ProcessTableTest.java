package berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private static final List<String> PS_EF_TITLES = List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");

    @Test
    void render_printsTitlesThenOneLinePerProcessInTwentyWideColumns() {
        String out = ProcessTable.render(PS_EF_TITLES,
                List.of(List.of("root", "4242", "4200", "0", "10:00", "?", "00:00:00", "sleep 60")));

        // byte for byte what docker 28's CLI printed for the same reply (see DockerApiServerCliTest.TOP_TABLE)
        assertThat(out).isEqualTo("""
                UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
                root                4242                4200                0                   10:00               ?                   00:00:00            sleep 60
                """);
    }

    @Test
    void render_widensAColumnToItsLongestCellPlusThreeAndLeavesTheLastCellUnpadded() {
        // "systemd-network-user" is 20 runes, so its column is 23 wide; PID stays at the minimum 20
        String out = ProcessTable.render(List.of("USER", "PID", "COMMAND"), List.of(
                List.of("systemd-network-user", "1", "/bin/sh -c sleep 1000"),
                List.of("root", "31337", "sleep 1000")));

        assertThat(out.lines().toList()).containsExactly(
                "USER                   PID                 COMMAND",
                "systemd-network-user   1                   /bin/sh -c sleep 1000",
                "root                   31337               sleep 1000");
    }

    @Test
    void render_withNoProcesses_printsOnlyTheHeader() {
        assertThat(ProcessTable.render(List.of("PID", "CMD"), List.of())).isEqualTo("PID                 CMD\n");
    }
}
