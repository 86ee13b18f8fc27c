package berth.compose.project;

import berth.compose.model.Project;
import berth.compose.model.Service;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Makes a service's image available before its containers are created: built, pulled, or required, by pull_policy. */
final class Images {
    private final ProjectEngine engine;
    private final Project project;
    private final ImageBuilder builder;
    private final Progress progress;

    Images(ProjectEngine engine, Project project, ImageBuilder builder, Progress progress) {
        this.engine = engine;
        this.project = project;
        this.builder = builder;
        this.progress = progress;
    }

    /** The image reference the service's containers run. */
    String reference(Service s) {
        return s.imageName(project.name());
    }

    /**
     * Builds or pulls as needed; returns the image's ID.
     *
     * @param rebuild {@code up --build}: build every service that has {@code build:}
     */
    String ensure(Service s, boolean rebuild) {
        String ref = reference(s);
        String policy = s.pullPolicy() == null ? "missing" : s.pullPolicy();
        Optional<JsonNode> image = engine.image(ref);
        if (s.build() != null && (rebuild || policy.equals("build") || image.isEmpty())) {
            build(s);
            image = engine.image(ref);
        } else if (policy.equals("always") || (image.isEmpty() && !policy.equals("never"))) {
            pull(s);
            image = engine.image(ref);
        }
        return image.orElseThrow(() -> new ProjectException("service \"" + s.name() + "\": no such image: " + ref
                + (policy.equals("never") ? " (pull_policy: never)" : ""))).path("Id").asText();
    }

    void build(Service s) {
        if (s.build() == null) {
            return;
        }
        String ref = reference(s);
        progress.event("Service", s.name(), "Building");
        builder.build(s, ref);
        progress.event("Service", s.name(), "Built");
    }

    void pull(Service s) {
        if (s.image() == null) {
            return;
        }
        progress.event("Image", s.image(), "Pulling");
        engine.pull(s.image(), builder.registryAuth(s.image()));
        progress.event("Image", s.image(), "Pulled");
    }
}
