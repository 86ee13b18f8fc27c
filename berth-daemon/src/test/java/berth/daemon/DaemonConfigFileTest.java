package berth.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigFileTest {
    @TempDir
    Path dir;

    private DaemonConfigFile read(String json) throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, json);
        return DaemonConfigFile.read(f, true);
    }

    @Test
    void readsDockersKeys() throws Exception {
        DaemonConfigFile c = read("""
                {"log-driver": "local", "log-opts": {"max-size": "5m"}, "debug": true,
                 "registry-mirrors": ["https://m.example"], "iptables": false}""");
        assertThat(c.string("log-driver")).contains("local");
        assertThat(c.stringMap("log-opts")).contains(Map.of("max-size", "5m"));
        assertThat(c.bool("debug")).contains(true);
        assertThat(c.bool("iptables")).contains(false);
        assertThat(c.strings("registry-mirrors")).contains(List.of("https://m.example"));
        assertThat(c.string("data-root")).isEmpty();
    }

    @Test
    void refusesUnknownKeysWrongTypesAndBadJson() throws Exception {
        assertThatThrownBy(() -> read("{\"log-driver\": \"local\", \"zzz\": 1, \"aaa\": 2}"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("the following directives don't match any configuration option: aaa, zzz");
        assertThatThrownBy(() -> read("{\"log-opts\": {\"max-size\": 5}}").stringMap("log-opts"))
                .hasMessageContaining("log-opts.max-size");
        assertThatThrownBy(() -> read("{\"debug\": \"yes\"}").bool("debug")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> read("{\"log-driver\": ")).hasMessageContaining("unable to configure the daemon");
        assertThatThrownBy(() -> read("[1]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void aSettingGivenAsAFlagAndInTheFileIsRefused() throws Exception {
        DaemonConfigFile c = read("{\"log-driver\": \"local\"}");
        c.refuseConflicts(dir, Map.of("log-level", "debug"));
        assertThatThrownBy(() -> c.refuseConflicts(dir, Map.of("log-driver", "syslog")))
                .hasMessageContaining("specified both as a flag and in the configuration file")
                .hasMessageContaining("log-driver: (from flag: syslog, from file: local)");
    }

    @Test
    void aMissingDefaultFileIsNoError_butANamedOneIs() {
        assertThat(DaemonConfigFile.read(dir.resolve("absent.json"), false).values()).isEmpty();
        assertThatThrownBy(() -> DaemonConfigFile.read(dir.resolve("absent.json"), true))
                .hasMessageContaining("no such file or directory");
    }
}
