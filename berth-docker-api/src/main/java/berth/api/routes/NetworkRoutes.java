package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Filters;
import berth.api.http.Router;
import berth.api.wire.NetworkCreateRequest;
import berth.api.wire.NetworkDtos;
import berth.api.wire.NetworkingRequest;
import berth.container.ContainerService;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import berth.network.Endpoint;
import berth.network.Network;
import berth.network.NetworkFilter;
import berth.network.NetworkService;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /networks}: list, inspect, create, remove, prune, connect and disconnect, with dockerd's filters. */
public final class NetworkRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");
    private static final Set<String> PRUNE_FILTERS = Set.of("label", "label!", "until");
    private static final Set<String> TYPES = Set.of("builtin", "custom");

    private final NetworkService networks;
    private final ContainerService containers;

    public NetworkRoutes(NetworkService networks, ContainerService containers) {
        this.networks = networks;
        this.containers = containers;
    }

    public void register(Router r) {
        r.add("GET", "/networks", this::list);
        r.add("POST", "/networks/create", this::create);
        r.add("POST", "/networks/prune", this::prune);
        r.add("GET", "/networks/([^/]+)", this::inspect);
        r.add("DELETE", "/networks/([^/]+)", this::remove);
        r.add("POST", "/networks/([^/]+)/connect", this::connect);
        r.add("POST", "/networks/([^/]+)/disconnect", this::disconnect);
    }

    private void list(Exchange ex) {
        Filters f = ex.query().filters().requireOnly(LIST_FILTERS);
        for (String t : f.get("type")) {
            if (!TYPES.contains(t)) {
                throw BerthException.invalid("invalid filter: 'type'='" + t + "' (allowed: builtin, custom)");
            }
        }
        // every network here is local: a swarm or global scope filter matches none
        boolean otherScope = f.get("scope").stream().anyMatch(s -> !s.equals("local"));
        NetworkFilter filter = new NetworkFilter(f.get("name"), f.get("id"), f.get("driver"), f.get("label"),
                f.get("type"), dangling(f.get("dangling")));
        List<NetworkDtos.NetworkJson> out = otherScope ? List.of()
                : networks.list(filter).stream().map(NetworkDtos::of).toList();
        ex.respondJson(200, out);
    }

    private static Optional<Boolean> dangling(List<String> values) {
        Optional<Boolean> out = Optional.empty();
        for (String d : values) {
            if (!List.of("true", "1", "false", "0").contains(d)) {
                throw BerthException.invalid("invalid filter 'dangling=" + d + "'");
            }
            out = Optional.of(d.equals("true") || d.equals("1"));
        }
        return out;
    }

    private void create(Exchange ex) {
        Network n = networks.create(NetworkCreateRequest.toSpec(ex.jsonBody()));
        ex.respondJson(201, new NetworkDtos.CreateResponse(n.id(), ""));
    }

    /** {@code verbose} adds swarm service details, which a local network has none of; {@code scope} must be local. */
    private void inspect(Exchange ex) {
        String ref = ex.param(0);
        String scope = ex.query().get("scope").orElse("");
        Network n = networks.inspect(ref);
        if (!scope.isEmpty() && !scope.equals("local")) {
            throw BerthException.notFound("network " + ref + " not found");
        }
        Map<String, Endpoint> on = networks.containers(n.id());
        Map<String, String> names = new HashMap<>();
        for (String id : on.keySet()) {
            try {
                names.put(id, containers.inspect(id).name());
            } catch (BerthException gone) {
                if (gone.kind() != ErrorKind.NOT_FOUND) {
                    throw gone;
                }
                // removed while we looked: listed without a name
            }
        }
        ex.respondJson(200, NetworkDtos.of(n, on, names));
    }

    /** The engine refuses the pre-defined networks and those in use as PERMISSION_DENIED: 403, as dockerd. */
    private void remove(Exchange ex) {
        networks.remove(ex.param(0));
        ex.respondEmpty(204);
    }

    /** {@code until} (a time, or a duration before now) keeps the networks created after it, as dockerd does. */
    private void prune(Exchange ex) {
        Filters f = ex.query().filters().requireOnly(PRUNE_FILTERS);
        List<String> labels = new ArrayList<>(f.get("label"));
        f.get("label!").forEach(l -> labels.add("!" + l));
        NetworkFilter filter = new NetworkFilter(List.of(), List.of(), List.of(), labels, List.of(), Optional.empty());
        List<String> until = f.get("until");
        if (until.size() > 1) {
            throw BerthException.invalid("filters expect only one value");
        }
        if (!until.isEmpty()) {
            java.time.Instant cutoff = berth.image.ImageFilters.timestamp(until.getFirst(), java.time.Instant.now());
            List<String> old = networks.list(filter).stream().filter(n -> !n.created().isAfter(cutoff)).map(Network::id).toList();
            if (old.isEmpty()) {
                ex.respondJson(200, new NetworkDtos.PruneResponse(null));
                return;
            }
            filter = new NetworkFilter(List.of(), old, List.of(), labels, List.of(), Optional.empty());
        }
        List<String> removed = networks.prune(filter);
        ex.respondJson(200, new NetworkDtos.PruneResponse(removed.isEmpty() ? null : removed));
    }

    private void connect(Exchange ex) {
        JsonNode body = object(ex.jsonBody(), "connect");
        containers.connectNetwork(container(body), ex.param(0), NetworkingRequest.endpointConfig(body.get("EndpointConfig")));
        ex.respondEmpty(200);
    }

    private void disconnect(Exchange ex) {
        JsonNode body = object(ex.jsonBody(), "disconnect");
        JsonNode force = body.get("Force");
        containers.disconnectNetwork(container(body), ex.param(0), force != null && force.asBoolean(false));
        ex.respondEmpty(200);
    }

    private static JsonNode object(JsonNode body, String verb) {
        if (body == null || body.isMissingNode() || body.isNull() || !body.isObject()) {
            throw BerthException.invalid("invalid network " + verb + " request: expected a JSON object with Container");
        }
        return body;
    }

    private static String container(JsonNode body) {
        JsonNode c = body.get("Container");
        if (c == null || c.isNull() || c.asText().isBlank()) {
            throw BerthException.invalid("no container given: the request needs a Container (name or id)");
        }
        return c.asText();
    }
}
