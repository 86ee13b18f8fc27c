package berth.logging.tag;

import static berth.logging.tag.TestContexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtraAttributesTest {
    private static final Map<String, String> LABELS = Map.of("com.example.team", "web", "tier", "front", "x", "1");
    private static final List<String> ENV = List.of("PATH=/bin", "APP_MODE=prod", "APP_ZONE=eu", "EMPTY=", "NOEQ");

    @Test
    void namedLabelsAndEnv_areTakenWhenPresent() {
        var extra = ExtraAttributes.of(context(Map.of("labels", "tier,missing", "env", "APP_MODE,EMPTY,NOEQ"), LABELS, ENV));
        assertThat(extra).containsExactlyInAnyOrderEntriesOf(Map.of("tier", "front", "APP_MODE", "prod", "EMPTY", ""));
    }

    @Test
    void regexOptions_matchAnywhereInTheName() {
        var extra = ExtraAttributes.of(context(Map.of("labels-regex", "^com\\.", "env-regex", "ZONE"), LABELS, ENV));
        assertThat(extra).containsExactlyInAnyOrderEntriesOf(Map.of("com.example.team", "web", "APP_ZONE", "eu"));
    }

    @Test
    void keyModifier_appliesToEveryKey() {
        var extra = ExtraAttributes.of(context(Map.of("labels", "tier", "env", "APP_MODE"), LABELS, ENV),
                k -> "_" + k);
        assertThat(extra).containsOnlyKeys("_tier", "_APP_MODE");
    }

    @Test
    void noOptions_noAttributes() {
        assertThat(ExtraAttributes.of(context(Map.of(), LABELS, ENV))).isEmpty();
    }

    @Test
    void badRegex_isInvalidArgument_inGosWords() {
        assertThatThrownBy(() -> ExtraAttributes.of(context(Map.of("env-regex", "("), LABELS, ENV)))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("error parsing regexp: ").hasMessageEndingWith(": `(`");
        assertThatThrownBy(() -> ExtraAttributes.validate(Map.of("labels-regex", "[")))
                .isInstanceOf(BerthException.class).hasMessageStartingWith("error parsing regexp: ");
    }
}
