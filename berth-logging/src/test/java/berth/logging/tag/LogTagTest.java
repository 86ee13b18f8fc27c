package berth.logging.tag;

import static berth.logging.tag.TestContexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.errors.BerthException;
import berth.logs.driver.LogContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogTagTest {
    private final LogContext ctx = context(Map.of());

    @Test
    void emptyOrMissingTemplate_isTheShortContainerId() {
        assertThat(LogTag.render(null, ctx)).isEqualTo("0123456789ab");
        assertThat(LogTag.render("", ctx)).isEqualTo("0123456789ab");
        assertThat(LogTag.render(ctx)).isEqualTo("0123456789ab");
    }

    @Test
    void tagOption_isReadFromTheContextsConfig() {
        assertThat(LogTag.render(context(Map.of("tag", "app/{{.Name}}")))).isEqualTo("app/web");
    }

    @Test
    void fields_renderAsDockerRendersThem() {
        assertThat(LogTag.render("{{.ID}} {{.FullID}} {{.Name}}", ctx))
                .isEqualTo("0123456789ab " + TestContexts.CONTAINER_ID + " web");
        assertThat(LogTag.render("{{.ImageID}}|{{.ImageFullID}}|{{.ImageName}}|{{.DaemonName}}", ctx))
                .isEqualTo("fedcba987654|" + TestContexts.IMAGE_ID + "|busybox:latest|berth");
        assertThat(LogTag.render("{{.ContainerName}}", ctx)).isEqualTo("/web");
        assertThat(LogTag.render("{{.Hostname}}", ctx)).isEqualTo(LogTag.localHostname()).isNotEmpty();
    }

    @Test
    void plainTextAndSpacesInsideActions_areKept() {
        assertThat(LogTag.render("docker/{{ .Name }}.{{.ID}}:x", ctx)).isEqualTo("docker/web.0123456789ab:x");
    }

    @Test
    void trimMarkers_trimTheAdjacentText() {
        assertThat(LogTag.render("a  {{- .Name -}}  b", ctx)).isEqualTo("awebb");
    }

    @Test
    void unknownField_isRefusedWithTheFieldsName() {
        assertThatThrownBy(() -> LogTag.render("{{.Nope}}", ctx)).isInstanceOf(BerthException.class)
                .hasMessageContaining("can't evaluate field Nope");
    }

    @Test
    void otherTemplateSyntax_isRefused() {
        assertThatThrownBy(() -> LogTag.validate("{{upper .Name}}")).isInstanceOf(BerthException.class)
                .hasMessageContaining("only field references");
        assertThatThrownBy(() -> LogTag.validate("{{if .Name}}x{{end}}")).isInstanceOf(BerthException.class);
        assertThatThrownBy(() -> LogTag.validate("{{.Name")).hasMessageContaining("unclosed action");
    }

    @Test
    void truncateId_dropsTheAlgorithmAndKeepsTwelve() {
        assertThat(LogTag.truncateId("sha256:abcdefabcdef0011")).isEqualTo("abcdefabcdef");
        assertThat(LogTag.truncateId("abc")).isEqualTo("abc");
        assertThat(LogTag.truncateId(null)).isEmpty();
    }
}
