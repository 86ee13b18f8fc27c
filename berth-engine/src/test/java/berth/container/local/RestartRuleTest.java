package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.container.HostConfig.RestartPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartRuleTest {
    @Test
    void shouldRestart_followsEachPolicy() {
        assertThat(RestartRule.shouldRestart(RestartPolicy.NO, 1, false, 0)).isFalse();
        assertThat(RestartRule.shouldRestart(new RestartPolicy("always", 0), 0, false, 50)).isTrue();
        assertThat(RestartRule.shouldRestart(new RestartPolicy("unless-stopped", 0), 0, false, 0)).isTrue();
        assertThat(RestartRule.shouldRestart(new RestartPolicy("on-failure", 0), 0, false, 0)).isFalse();
        assertThat(RestartRule.shouldRestart(new RestartPolicy("on-failure", 0), 3, false, 99)).isTrue();
    }

    @Test
    void shouldRestart_onFailureStopsAtItsMaximum() {
        RestartPolicy p = new RestartPolicy("on-failure", 2);
        assertThat(RestartRule.shouldRestart(p, 1, false, 0)).isTrue();
        assertThat(RestartRule.shouldRestart(p, 1, false, 1)).isTrue();
        assertThat(RestartRule.shouldRestart(p, 1, false, 2)).isFalse();
    }

    @Test
    void shouldRestart_neverAfterTheUserStoppedIt() {
        assertThat(RestartRule.shouldRestart(new RestartPolicy("always", 0), 137, true, 0)).isFalse();
        assertThat(RestartRule.shouldRestart(new RestartPolicy("on-failure", 0), 137, true, 0)).isFalse();
    }

    @Test
    void startsWithDaemon_alwaysEvenAfterAManualStop_unlessStoppedOnlyWithout() {
        assertThat(RestartRule.startsWithDaemon(new RestartPolicy("always", 0), 137, true, 0)).isTrue();
        assertThat(RestartRule.startsWithDaemon(new RestartPolicy("always", 0), 0, false, 0)).isTrue();
        assertThat(RestartRule.startsWithDaemon(new RestartPolicy("unless-stopped", 0), 137, true, 0)).isFalse();
        assertThat(RestartRule.startsWithDaemon(new RestartPolicy("unless-stopped", 0), 0, false, 0)).isTrue();
        assertThat(RestartRule.startsWithDaemon(RestartPolicy.NO, 1, false, 0)).isFalse();
    }

    @Test
    void startsWithDaemon_onFailureGoesByExitCodeAndRetriesLeft() {
        RestartPolicy p = new RestartPolicy("on-failure", 2);
        assertThat(RestartRule.startsWithDaemon(p, 0, false, 0)).isFalse();
        assertThat(RestartRule.startsWithDaemon(p, 137, true, 1)).isTrue();
        assertThat(RestartRule.startsWithDaemon(p, 1, false, 2)).as("retries used up").isFalse();
        assertThat(RestartRule.startsWithDaemon(new RestartPolicy("on-failure", 0), 1, false, 50)).isTrue();
    }

    @Test
    void nextDelay_doublesUpToAMinuteAndResetsAfterAStableRun() {
        Duration quick = Duration.ofMillis(50);
        Duration d = RestartRule.nextDelay(null, quick);
        assertThat(d).isEqualTo(Duration.ofMillis(100));
        d = RestartRule.nextDelay(d, quick);
        assertThat(d).isEqualTo(Duration.ofMillis(200));
        for (int i = 0; i < 20; i++) {
            d = RestartRule.nextDelay(d, quick);
        }
        assertThat(d).isEqualTo(Duration.ofMinutes(1));
        assertThat(RestartRule.nextDelay(d, Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void validate_refusesWhatDockerRefuses() {
        assertThatThrownBy(() -> RestartRule.validate(new RestartPolicy("sometimes", 0), false))
                .hasMessage("invalid restart policy 'sometimes'");
        assertThatThrownBy(() -> RestartRule.validate(new RestartPolicy("always", 3), false))
                .hasMessageContaining("only be used with 'on-failure'");
        assertThatThrownBy(() -> RestartRule.validate(new RestartPolicy("always", 0), true))
                .hasMessageContaining("AutoRemove");
        RestartRule.validate(new RestartPolicy("on-failure", 5), false);
    }
}
