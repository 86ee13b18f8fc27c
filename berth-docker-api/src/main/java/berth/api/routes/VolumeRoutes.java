package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Filters;
import berth.api.http.QueryParams;
import berth.api.http.Router;
import berth.api.wire.VolumeDtos;
import berth.errors.BerthException;
import berth.volume.VolumeFilter;
import berth.volume.VolumeService;
import berth.volume.VolumeSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /volumes}: list, create, inspect, remove and prune, with Docker's filters and messages. */
public final class VolumeRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "label", "name");
    private static final Set<String> PRUNE_FILTERS = Set.of("label", "label!", "all");

    private final VolumeService volumes;

    public VolumeRoutes(VolumeService volumes) {
        this.volumes = volumes;
    }

    public void register(Router r) {
        r.add("GET", "/volumes", this::list);
        r.add("POST", "/volumes/create", this::create);
        r.add("POST", "/volumes/prune", this::prune);
        r.add("GET", "/volumes/([^/]+)", ex -> ex.respondJson(200, VolumeDtos.of(volumes.inspect(ex.param(0)))));
        r.add("DELETE", "/volumes/([^/]+)", ex -> {
            volumes.remove(ex.param(0), ex.query().bool("force"));
            ex.respondEmpty(204);
        });
    }

    private void list(Exchange ex) {
        Filters f = ex.query().filters().requireOnly(LIST_FILTERS);
        Optional<Boolean> dangling = Optional.empty();
        for (String d : f.get("dangling")) {
            if (!List.of("true", "1", "false", "0").contains(d)) {
                throw BerthException.invalid("invalid filter 'dangling=" + d + "'");
            }
            dangling = Optional.of(d.equals("true") || d.equals("1"));
        }
        VolumeFilter filter = new VolumeFilter(dangling, f.get("label"), f.get("name"), f.get("driver"));
        var out = volumes.list(filter).stream().map(VolumeDtos::of).toList();
        ex.respondJson(200, new VolumeDtos.ListResponse(out, null));
    }

    private void create(Exchange ex) {
        JsonNode body = ex.jsonBody();
        if (body != null && !body.isMissingNode() && !body.isNull() && !body.isObject()) {
            throw BerthException.invalid("invalid volume create request: expected a JSON object");
        }
        VolumeSpec spec = new VolumeSpec(text(body, "Name"), text(body, "Driver").orElse(""),
                stringMap(body, "Labels"), stringMap(body, "DriverOpts"));
        ex.respondJson(201, VolumeDtos.of(volumes.create(spec)));
    }

    /** API 1.42 and later prune only anonymous volumes unless the filter all=true asks for every unused one. */
    private void prune(Exchange ex) {
        Filters f = ex.query().filters().requireOnly(PRUNE_FILTERS);
        boolean all = !ex.version().atLeast(1, 42);
        for (String a : f.get("all")) {
            if (!List.of("true", "1", "false", "0").contains(a)) {
                throw BerthException.invalid("invalid filter 'all=" + a + "'");
            }
            all = QueryParams.parseBool(a);
        }
        List<String> labels = new ArrayList<>(f.get("label"));
        f.get("label!").forEach(l -> labels.add("!" + l));
        VolumeFilter filter = new VolumeFilter(Optional.empty(), labels, List.of(), List.of());
        ex.respondJson(200, VolumeDtos.of(volumes.prune(filter, all)));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    private static Map<String, String> stringMap(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw BerthException.invalid("invalid volume create request: " + field + " must be an object of strings");
        }
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
