package berth.container.local;

import static org.assertj.core.api.Assertions.assertThat;

import berth.container.Health;
import berth.container.HealthConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRuleTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private static Health.Probe probe(int secondsAfterStart, int exit) {
        Instant t = STARTED.plusSeconds(secondsAfterStart);
        return new Health.Probe(t, t.plusMillis(5), exit, "out");
    }

    @Test
    void next_successIsHealthyAndFailuresTurnUnhealthyAtTheRetries() {
        HealthConfig cfg = new HealthConfig(List.of("CMD", "true"), 0, 0, 0, 2);
        Health h = HealthRule.next(Health.starting(), probe(1, 0), cfg, STARTED);
        assertThat(h.status()).isEqualTo(Health.HEALTHY);
        h = HealthRule.next(h, probe(2, 1), cfg, STARTED);
        assertThat(h.status()).isEqualTo(Health.HEALTHY);
        assertThat(h.failingStreak()).isEqualTo(1);
        h = HealthRule.next(h, probe(3, 1), cfg, STARTED);
        assertThat(h.status()).isEqualTo(Health.UNHEALTHY);
        h = HealthRule.next(h, probe(4, 0), cfg, STARTED);
        assertThat(h).extracting(Health::status, Health::failingStreak).containsExactly(Health.HEALTHY, 0);
    }

    @Test
    void next_failuresInTheStartPeriodDoNotCountWhileStarting() {
        HealthConfig cfg = new HealthConfig(List.of("CMD", "false"), 0, 0, 10_000_000_000L, 1);
        Health h = HealthRule.next(Health.starting(), probe(5, 1), cfg, STARTED);
        assertThat(h).extracting(Health::status, Health::failingStreak).containsExactly(Health.STARTING, 0);
        h = HealthRule.next(h, probe(11, 1), cfg, STARTED);
        assertThat(h).extracting(Health::status, Health::failingStreak).containsExactly(Health.UNHEALTHY, 1);
    }

    @Test
    void next_keepsTheLastFiveResults() {
        HealthConfig cfg = new HealthConfig(List.of("CMD", "true"), 0, 0, 0, 0);
        Health h = Health.starting();
        for (int i = 0; i < 8; i++) {
            h = HealthRule.next(h, probe(i, 0), cfg, STARTED);
        }
        assertThat(h.log()).hasSize(5);
        assertThat(h.log().getFirst().start()).isEqualTo(STARTED.plusSeconds(3));
    }

    @Test
    void argv_runsCmdAsIsAndCmdShellThroughTheShell() {
        assertThat(HealthRule.argv(new HealthConfig(List.of("CMD", "ls", "-l"), 0, 0, 0, 0)))
                .containsExactly("ls", "-l");
        assertThat(HealthRule.argv(new HealthConfig(List.of("CMD-SHELL", "curl -f x || exit 1"), 0, 0, 0, 0)))
                .containsExactly("/bin/sh", "-c", "curl -f x || exit 1");
        assertThat(HealthRule.argv(new HealthConfig(List.of("NONE"), 0, 0, 0, 0))).isEmpty();
    }

    @Test
    void defaults_areDockers() {
        HealthConfig cfg = new HealthConfig(List.of("CMD", "true"), 0, 0, 0, 0);
        assertThat(HealthRule.interval(cfg).toSeconds()).isEqualTo(30);
        assertThat(HealthRule.timeout(cfg).toSeconds()).isEqualTo(30);
        assertThat(HealthRule.retries(cfg)).isEqualTo(3);
        assertThat(HealthMonitor.HumanDurations.of(java.time.Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(HealthMonitor.HumanDurations.of(java.time.Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
