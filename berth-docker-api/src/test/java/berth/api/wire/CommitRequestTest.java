package berth.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.api.http.QueryParams;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommitRequestTest {
    private static QueryParams query(Map<String, List<String>> q) {
        return new QueryParams(q);
    }

    @Test
    void toOptions_readsDockersQueryAndPausesByDefault() {
        var o = CommitRequest.toOptions(query(Map.of("container", List.of("c"), "repo", List.of("me/app"),
                "tag", List.of("v1"), "author", List.of("me"), "comment", List.of("msg"),
                "changes", List.of("CMD [\"cat\"]", "ENV A=1"))), NullNode.getInstance());

        assertThat(o.reference()).hasValue("me/app:v1");
        assertThat(o.author()).isEqualTo("me");
        assertThat(o.comment()).isEqualTo("msg");
        assertThat(o.pause()).isTrue();
        assertThat(o.changes()).containsExactly("CMD [\"cat\"]", "ENV A=1");
        assertThat(o.config()).isEmpty();
        assertThat(CommitRequest.toOptions(query(Map.of("pause", List.of("0"))), null).pause()).isFalse();
        assertThat(CommitRequest.toOptions(query(Map.of()), null).reference()).isEmpty();
    }

    @Test
    void toOptions_takesTheBodyAsTheConfig() throws Exception {
        var body = new ObjectMapper().readTree("{\"Cmd\":[\"top\"],\"Env\":[\"X=1\"],\"ExposedPorts\":{\"80/tcp\":{}},\"User\":\"\"}");

        var cfg = CommitRequest.toOptions(query(Map.of()), body).config().orElseThrow();

        assertThat(cfg.cmd()).hasValue(List.of("top"));
        assertThat(cfg.env()).containsExactly("X=1");
        assertThat(cfg.exposedPorts()).containsExactly("80/tcp");
        assertThat(cfg.user()).isEqualTo(Optional.empty());
    }

    @Test
    void toOptions_refusesATagWithoutARepository() {
        assertThatThrownBy(() -> CommitRequest.toOptions(query(Map.of("tag", List.of("v1"))), null))
                .isInstanceOf(BerthException.class).hasMessageContaining("needs a repository");
    }
}
