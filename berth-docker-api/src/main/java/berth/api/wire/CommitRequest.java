package berth.api.wire;

import static berth.api.wire.JsonFields.child;
import static berth.api.wire.JsonFields.keys;
import static berth.api.wire.JsonFields.stringMap;
import static berth.api.wire.JsonFields.strings;
import static berth.api.wire.JsonFields.text;

import berth.api.http.QueryParams;
import berth.container.CommitOptions;
import berth.errors.BerthException;
import berth.image.ImageConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /commit?container=&repo=&tag=&comment=&author=&pause=&changes=} with an optional
 * container {@code Config} as the body (the {@code docker} CLI sends {@code null}), translated into
 * {@link CommitOptions}.
 */
public final class CommitRequest {
    private CommitRequest() {}

    public static CommitOptions toOptions(QueryParams q, JsonNode body) {
        Optional<String> repo = q.nonBlank("repo");
        Optional<String> tag = q.nonBlank("tag");
        if (repo.isEmpty() && tag.isPresent()) {
            throw BerthException.invalid("invalid reference format: a tag (" + tag.get() + ") needs a repository");
        }
        Optional<String> reference = repo.map(r -> tag.map(t -> r + ":" + t).orElse(r));
        return new CommitOptions(reference, q.get("author").orElse(""), q.get("comment").orElse(""),
                q.bool("pause", true), q.all("changes"), config(body));
    }

    /** The body's Config; absent for an empty body or JSON {@code null}. */
    static Optional<ImageConfig> config(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return Optional.empty();
        }
        if (!body.isObject()) {
            throw BerthException.invalid("invalid commit config: expected a JSON object");
        }
        return Optional.of(new ImageConfig(text(body, "User").filter(s -> !s.isEmpty()), strings(body, "Env").orElse(List.of()),
                strings(body, "Entrypoint"), strings(body, "Cmd"), text(body, "WorkingDir").filter(s -> !s.isEmpty()),
                stringMap(body, "Labels"), keys(body, "ExposedPorts"), keys(body, "Volumes"),
                text(body, "StopSignal").filter(s -> !s.isEmpty()),
                HostConfigRequest.healthcheck(child(body, "Healthcheck"))));
    }
}
