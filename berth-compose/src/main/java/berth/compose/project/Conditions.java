package berth.compose.project;

import berth.compose.model.DependsOn;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * Waits for a dependency's containers to satisfy a depends_on condition, polling inspect as Compose v2
 * does (State.Status, State.Health.Status, State.ExitCode), with its error wording.
 */
final class Conditions {
    /** Compose polls every 500 ms. */
    private static final Duration POLL = Duration.ofMillis(500);

    private final ProjectEngine engine;

    Conditions(ProjectEngine engine) {
        this.engine = engine;
    }

    /** Blocks until every container satisfies {@code condition}; throws with compose's message when one cannot. */
    void await(String service, List<ProjectContainer> containers, String condition) throws InterruptedException {
        for (ProjectContainer c : containers) {
            while (!satisfied(service, c, condition)) {
                Thread.sleep(POLL);
            }
        }
    }

    private boolean satisfied(String service, ProjectContainer c, String condition) {
        JsonNode state = engine.inspect(c.id()).path("State");
        String status = state.path("Status").asText();
        return switch (condition) {
            case DependsOn.HEALTHY -> {
                JsonNode health = state.path("Health");
                if (health.isMissingNode() || health.isNull()) {
                    throw new ProjectException("container " + c.name() + " has no healthcheck configured");
                }
                String h = health.path("Status").asText();
                if (h.equals("unhealthy")) {
                    throw new ProjectException("dependency failed to start: container " + c.name() + " is unhealthy");
                }
                if (status.equals("exited") || status.equals("dead")) {
                    throw new ProjectException("dependency failed to start: container " + c.name() + " exited ("
                            + state.path("ExitCode").asInt() + ")");
                }
                yield h.equals("healthy");
            }
            case DependsOn.COMPLETED -> {
                if (status.equals("exited") || status.equals("dead")) {
                    int code = state.path("ExitCode").asInt();
                    if (code != 0) {
                        throw new ProjectException("service \"" + service + "\" didn't complete successfully: exit " + code);
                    }
                    yield true;
                }
                yield false;
            }
            default -> {
                if (status.equals("exited") || status.equals("dead")) {
                    // started is enough, even if it has already stopped again (compose accepts it too)
                    yield true;
                }
                yield status.equals("running") || status.equals("restarting") || status.equals("paused");
            }
        };
    }

    /** {@code up --wait}: running, and healthy when there is a healthcheck. */
    void awaitRunningOrHealthy(ProjectContainer c) throws InterruptedException {
        while (true) {
            JsonNode state = engine.inspect(c.id()).path("State");
            String status = state.path("Status").asText();
            if (status.equals("exited") || status.equals("dead")) {
                throw new ProjectException("container " + c.name() + " exited (" + state.path("ExitCode").asInt() + ")");
            }
            JsonNode health = state.path("Health");
            String h = health.isObject() ? health.path("Status").asText() : "";
            if (h.equals("unhealthy")) {
                throw new ProjectException("container " + c.name() + " is unhealthy");
            }
            if (status.equals("running") && (h.isEmpty() || h.equals("healthy"))) {
                return;
            }
            Thread.sleep(POLL);
        }
    }
}
