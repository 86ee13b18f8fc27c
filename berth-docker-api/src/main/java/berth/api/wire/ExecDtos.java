package berth.api.wire;

import berth.container.ExecInfo;
import berth.container.ExecSpec;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire shapes of the exec endpoints, as dockerd writes them. */
public final class ExecDtos {
    private ExecDtos() {}

    /** {@code 201} of exec create: {@code {"Id":"..."}}. */
    public record IdResponse(String id) {}

    /** {@code GET /exec/{id}/json}; {@code ExitCode} is null until the process has ended. */
    public record Inspect(
            @JsonProperty("ID") String id,
            boolean running,
            Integer exitCode,
            ProcessConfig processConfig,
            boolean openStdin,
            boolean openStderr,
            boolean openStdout,
            boolean canRemove,
            @JsonProperty("ContainerID") String containerId,
            String detachKeys,
            int pid) {}

    /** The one lower-case object of the API: dockerd's json tags here are lower-case. */
    public record ProcessConfig(
            @JsonProperty("tty") boolean tty,
            @JsonProperty("entrypoint") String entrypoint,
            @JsonProperty("arguments") List<String> arguments,
            @JsonProperty("privileged") boolean privileged,
            @JsonProperty("user") String user) {}

    public static Inspect inspect(ExecInfo info) {
        ExecSpec spec = info.spec();
        List<String> cmd = spec.cmd();
        ProcessConfig process = new ProcessConfig(spec.tty(), cmd.isEmpty() ? "" : cmd.getFirst(),
                cmd.isEmpty() ? List.of() : cmd.subList(1, cmd.size()), spec.privileged(), spec.user().orElse(""));
        Integer exitCode = info.exitCode().isPresent() ? Integer.valueOf(info.exitCode().getAsInt()) : null;
        return new Inspect(info.id(), info.running(), exitCode, process, spec.attachStdin(), spec.attachStderr(),
                spec.attachStdout(), false, info.containerId(), spec.detachKeys(), info.pid());
    }
}
