package berth.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    @Test
    void parseBool_acceptsGoPythonAndJavaSpellings() {
        for (String t : List.of("1", "true", "True", "TRUE", "yes")) {
            assertThat(QueryParams.parseBool(t)).as(t).isTrue();
        }
        for (String f : List.of("0", "false", "False", "", "no", "none", " 0 ")) {
            assertThat(QueryParams.parseBool(f)).as(f).isFalse();
        }
    }

    @Test
    void bool_absentUsesDefault() {
        QueryParams q = new QueryParams(Map.of("a", List.of("")));
        assertThat(q.bool("missing")).isFalse();
        assertThat(q.bool("missing", true)).isTrue();
        assertThat(q.bool("a", true)).isTrue();
    }

    @Test
    void integer_rejectsNonNumbersWithTheKeyInTheMessage() {
        QueryParams q = new QueryParams(Map.of("t", List.of("ten")));
        assertThatThrownBy(() -> q.integer("t")).hasMessageContaining("invalid value for t: \"ten\"");
        assertThat(new QueryParams(Map.of("t", List.of("5"))).integer("t")).contains(5);
    }
}
