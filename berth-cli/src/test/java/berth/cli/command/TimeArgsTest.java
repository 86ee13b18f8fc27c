package berth.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeArgsTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void relativeDurations_countBackFromNow() {
        assertThat(TimeArgs.toUnix("10m", NOW)).isEqualTo("1699999400");
        assertThat(TimeArgs.toUnix("1h30m", NOW)).isEqualTo("1699994600");
        assertThat(TimeArgs.parseGoDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void absoluteTimes_passThroughAsUnixSeconds() {
        assertThat(TimeArgs.toUnix("2023-11-14T22:13:20Z", NOW)).isEqualTo("1700000000");
        assertThat(TimeArgs.toUnix("1700000000.5", NOW)).isEqualTo("1700000000.5");
    }

    @Test
    void garbage_isRefusedWithTheAcceptedForms() {
        assertThatThrownBy(() -> TimeArgs.toUnix("yesterday", NOW)).hasMessageContaining("RFC 3339");
    }

    @Test
    void filters_becomeTheGoClientsMapForm() {
        assertThat(Filters.toJson(List.of("label=a=b", "status=exited", "label=c"))).isEqualTo(
                "{\"label\":{\"a=b\":true,\"c\":true},\"status\":{\"exited\":true}}");
        assertThat(Filters.toJson(List.of())).isNull();
    }

    @Test
    void refs_splitRepositoryAndTag() {
        assertThat(Refs.split("busybox", "latest")).isEqualTo(new Refs.RepoTag("busybox", "latest"));
        assertThat(Refs.split("localhost:5000/x/y:v1", "latest")).isEqualTo(new Refs.RepoTag("localhost:5000/x/y", "v1"));
        assertThat(Refs.split("localhost:5000/x", "latest")).isEqualTo(new Refs.RepoTag("localhost:5000/x", "latest"));
    }
}
