package berth.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FiltersTest {
    @Test
    void parse_readsGoMapForm() {
        Filters f = Filters.parse("{\"label\":{\"a=b\":true,\"c\":true},\"dangling\":{\"true\":true}}");
        assertThat(f.get("label")).containsExactly("a=b", "c");
        assertThat(f.get("dangling")).containsExactly("true");
    }

    @Test
    void parse_readsListFormOfDockerPyAndDockerJava() {
        Filters f = Filters.parse("{\"label\": [\"com.docker.compose.project=p\", \"x y=1\"]}");
        assertThat(f.get("label")).containsExactly("com.docker.compose.project=p", "x y=1");
    }

    @Test
    void parse_mapValueFalse_isNotInTheSet() {
        assertThat(Filters.parse("{\"label\":{\"a\":false,\"b\":true}}").get("label")).containsExactly("b");
    }

    @Test
    void parse_emptyOrNull_isNoFilter() {
        assertThat(Filters.parse("").byName()).isEmpty();
        assertThat(Filters.parse("null").byName()).isEmpty();
        assertThat(Filters.parse("{\"label\":null}").get("label")).isEmpty();
    }

    @Test
    void parse_malformed_isInvalidArgumentQuotingTheInput() {
        assertThatThrownBy(() -> Filters.parse("{label"))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("invalid filters: {label");
    }

    @Test
    void requireOnly_rejectsUnknownNames() {
        assertThatThrownBy(() -> Filters.parse("{\"bogus\":[\"1\"]}").requireOnly(Set.of("label")))
                .hasMessage("invalid filter 'bogus'");
        assertThat(Filters.parse("{\"label\":[\"1\"]}").requireOnly(Set.of("label")).get("label")).isEqualTo(List.of("1"));
    }
}
