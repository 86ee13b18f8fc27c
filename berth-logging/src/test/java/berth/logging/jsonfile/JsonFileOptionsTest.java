package berth.logging.jsonfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.logging.logfile.RotationPolicy;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JsonFileOptionsTest {
    private final JsonFileDriverFactory factory = new JsonFileDriverFactory();

    @Test
    void policy_followsDockersDefaultsAndUnits() {
        assertThat(JsonFileDriverFactory.policy(Map.of())).isEqualTo(RotationPolicy.unlimited());
        assertThat(JsonFileDriverFactory.policy(Map.of("max-size", "1m", "max-file", "3", "compress", "true")))
                .isEqualTo(new RotationPolicy(OptionalLong.of(1_000_000), 3, true));
        // as dockerd 20.10: max-file without max-size is accepted and never rotates
        assertThat(JsonFileDriverFactory.policy(Map.of("max-file", "3")))
                .isEqualTo(new RotationPolicy(OptionalLong.empty(), 3, false));
    }

    @Test
    void validate_refusesWhatDockerdRefusesWithItsWords() {
        assertInvalid(Map.of("max-buffer", "1"), "unknown log opt 'max-buffer' for json-file log driver");
        assertInvalid(Map.of("max-size", "-1"), "invalid size: '-1'");
        assertInvalid(Map.of("max-size", "ten"), "invalid size: 'ten'");
        assertInvalid(Map.of("max-size", "0"), "max-size must be a positive number");
        assertInvalid(Map.of("max-size", "1m", "max-file", "0"), "max-file cannot be less than 1");
        assertInvalid(Map.of("max-file", "x"), "strconv.Atoi: parsing \"x\": invalid syntax");
        assertInvalid(Map.of("compress", "yes"), "strconv.ParseBool: parsing \"yes\": invalid syntax");
        assertInvalid(Map.of("max-size", "1m", "compress", "true"),
                "compress cannot be true when max-file is less than 2 or max-size is not set");
        assertInvalid(Map.of("max-file", "3", "compress", "true"),
                "compress cannot be true when max-file is less than 2 or max-size is not set");
        assertThatThrownBy(() -> factory.validate(Map.of("labels-regex", "(")))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("error parsing regexp: ");
        factory.validate(Map.of("max-size", "10m", "max-file", "3", "compress", "false", "labels", "a,b",
                "env", "X", "env-regex", "^B", "labels-regex", "^z", "tag", "{{.Name}}"));
    }

    private void assertInvalid(Map<String, String> config, String message) {
        assertThatThrownBy(() -> factory.validate(config)).isInstanceOf(BerthException.class).hasMessage(message)
                .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    }
}
