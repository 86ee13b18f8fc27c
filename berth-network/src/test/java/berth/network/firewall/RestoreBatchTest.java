package berth.network.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestoreBatchTest {
    @Test
    void render_groupsByTableWithDeclarationsBeforeRules() {
        var batch = new RestoreBatch()
                .add(Rule.append(Table.NAT, "BERTH-DNAT", "-p", "tcp", "-j", "RETURN"))
                .delete(Rule.append(Table.FILTER, "BERTH-FORWARD", "-i", "b", "-j", "ACCEPT"))
                .declare(Table.FILTER, "BERTH-FORWARD");

        assertThat(batch.render()).isEqualTo("""
                *filter
                :BERTH-FORWARD - [0:0]
                -D BERTH-FORWARD -i b -j ACCEPT
                COMMIT
                *nat
                -A BERTH-DNAT -p tcp -j RETURN
                COMMIT
                """);
    }

    @Test
    void emptyBatch_rendersNothing() {
        assertThat(new RestoreBatch().isEmpty()).isTrue();
        assertThat(new RestoreBatch().render()).isEmpty();
    }
}
