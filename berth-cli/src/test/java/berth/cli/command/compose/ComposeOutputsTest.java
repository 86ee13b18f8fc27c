package berth.cli.command.compose;

import static org.assertj.core.api.Assertions.assertThat;

import berth.client.Json;
import berth.compose.project.ProjectContainer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeOutputsTest {
    private static ProjectContainer container(String state, String status) {
        JsonNode summary = Json.parse(("{\"Id\":\"abc\",\"Names\":[\"/p-web-1\"],\"Command\":\"sh -c 'echo a long command line'\","
                + "\"Created\":0,\"Ports\":[{\"IP\":\"127.0.0.1\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        return new ProjectContainer("abc", "p-web-1", "web", 1, false, "h", "busybox", "sha256:1", state, status,
                Map.of("com.docker.compose.project", "p"), summary);
    }

    @Test
    void psCommandColumn_isQuotedAndCut() {
        assertThat(PsCommand.command(container("running", "Up").summary())).isEqualTo("\"sh -c 'echo a long …\"");
    }

    @Test
    void psJson_hasComposeV2sFields() {
        JsonNode j = PsCommand.json("p", container("exited", "Exited (3) 2 minutes ago"));
        assertThat(j.path("Name").asText()).isEqualTo("p-web-1");
        assertThat(j.path("Service").asText()).isEqualTo("web");
        assertThat(j.path("Project").asText()).isEqualTo("p");
        assertThat(j.path("State").asText()).isEqualTo("exited");
        assertThat(j.path("ExitCode").asInt()).isEqualTo(3);
        assertThat(Json.text(j.path("Publishers"))).isEqualTo(
                "[{\"URL\":\"127.0.0.1\",\"TargetPort\":80,\"PublishedPort\":8080,\"Protocol\":\"tcp\"}]");
    }

    @Test
    void lsStatus_countsStates() {
        assertThat(LsCommand.status(List.of(container("running", "Up"), container("exited", "Exited (0)"),
                container("running", "Up")))).isEqualTo("running(2), exited(1)");
    }
}
