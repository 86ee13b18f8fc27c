package berth.api.wire;

import static berth.api.wire.JsonFields.bool;
import static berth.api.wire.JsonFields.strings;
import static berth.api.wire.JsonFields.text;

import berth.container.ConsoleSize;
import berth.container.ExecSpec;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Translates the bodies of {@code POST /containers/{id}/exec} and {@code POST /exec/{id}/start}.
 * Nulls and missing fields take their defaults; fields with no meaning here ({@code Detach} and
 * {@code DetachKeys} at create, {@code ConsoleSize} without a TTY, docker-java's {@code containerId},
 * docker-py's {@code Container}) are ignored. The engine judges the spec (empty command, TTY).
 */
public final class ExecRequest {
    private ExecRequest() {}

    public static ExecSpec toSpec(JsonNode body) {
        requireObject(body, "exec create");
        return new ExecSpec(
                strings(body, "Cmd").orElse(List.of()),
                strings(body, "Env").orElse(List.of()),
                text(body, "User").filter(s -> !s.isEmpty()),
                text(body, "WorkingDir").filter(s -> !s.isEmpty()),
                bool(body, "AttachStdin"), bool(body, "AttachStdout"), bool(body, "AttachStderr"),
                bool(body, "Tty"), bool(body, "Privileged"),
                text(body, "DetachKeys").orElse(""));
    }

    /** {@code Detach} of an exec start body; an empty body or null means attached. */
    public static boolean detach(JsonNode body) {
        requireObject(body, "exec start");
        return bool(body, "Detach");
    }

    /** {@code ConsoleSize} of an exec start body ({@code [height, width]}, API 1.42+); zeros or null mean none. */
    public static Optional<ConsoleSize> consoleSize(JsonNode body) {
        requireObject(body, "exec start");
        return CreateRequest.consoleSize(JsonFields.child(body, "ConsoleSize"));
    }

    private static void requireObject(JsonNode body, String what) {
        if (body != null && !body.isMissingNode() && !body.isNull() && !body.isObject()) {
            throw BerthException.invalid("invalid " + what + " request: expected a JSON object");
        }
    }
}
