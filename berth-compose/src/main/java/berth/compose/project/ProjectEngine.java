package berth.compose.project;

import berth.client.DaemonClient;
import berth.client.DaemonErrorException;
import berth.client.HttpResponse;
import berth.client.Json;
import berth.client.Query;
import berth.client.RequestBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Engine API calls compose makes, over {@link DaemonClient}: project containers by label,
 * networks and volumes by name, images, and the container verbs. Errors are the client's ({@link
 * DaemonErrorException} with the daemon's message).
 */
public final class ProjectEngine {
    private final DaemonClient client;

    public ProjectEngine(DaemonClient client) {
        this.client = client;
    }

    public DaemonClient client() {
        return client;
    }

    // ---- containers

    /**
     * The project's containers (all states when {@code all}), optionally one-offs or only these
     * services; Compose v2's filter: the project label and the oneoff label.
     */
    public List<ProjectContainer> containers(String project, boolean all, Optional<Boolean> oneOff) {
        ObjectNode filters = Json.object();
        ObjectNode label = filters.putObject("label");
        label.put(ComposeLabels.PROJECT + "=" + project, true);
        oneOff.ifPresent(o -> label.put(ComposeLabels.ONEOFF + "=" + (o ? "True" : "False"), true));
        JsonNode list = client.getJson("/containers/json", Query.of().flag("all", all).add("filters", Json.text(filters)));
        List<ProjectContainer> out = new ArrayList<>();
        list.forEach(c -> out.add(ProjectContainer.fromSummary(c)));
        out.sort(java.util.Comparator.comparing(ProjectContainer::service).thenComparingInt(ProjectContainer::number)
                .thenComparing(ProjectContainer::name));
        return out;
    }

    /** Every container with a compose project label (for {@code ls}). */
    public List<ProjectContainer> allComposeContainers(boolean all) {
        ObjectNode filters = Json.object();
        filters.putObject("label").put(ComposeLabels.PROJECT, true);
        JsonNode list = client.getJson("/containers/json", Query.of().flag("all", all).add("filters", Json.text(filters)));
        List<ProjectContainer> out = new ArrayList<>();
        list.forEach(c -> out.add(ProjectContainer.fromSummary(c)));
        return out;
    }

    public JsonNode inspect(String id) {
        return client.getJson(path(id) + "/json", Query.of());
    }

    public String create(String name, ObjectNode body) {
        return client.postJson("/containers/create", Query.of().add("name", name), body).path("Id").asText();
    }

    public void start(String id) {
        post(path(id) + "/start", Query.of());
    }

    public void stop(String id, Optional<Integer> timeout) {
        post(path(id) + "/stop", timeout.map(t -> Query.of().add("t", Integer.toString(t))).orElse(Query.of()));
    }

    public void restart(String id, Optional<Integer> timeout) {
        post(path(id) + "/restart", timeout.map(t -> Query.of().add("t", Integer.toString(t))).orElse(Query.of()));
    }

    public void kill(String id, String signal) {
        post(path(id) + "/kill", Query.of().addIfPresent("signal", signal));
    }

    public void pause(String id) {
        post(path(id) + "/pause", Query.of());
    }

    public void unpause(String id) {
        post(path(id) + "/unpause", Query.of());
    }

    public void remove(String id, boolean force, boolean volumes) {
        client.delete(path(id), Query.of().flag("force", force).flag("v", volumes));
    }

    public void rename(String id, String name) {
        post(path(id) + "/rename", Query.of().add("name", name));
    }

    public void connect(String network, String container, ObjectNode endpoint) {
        ObjectNode body = Json.object();
        body.put("Container", container);
        body.set("EndpointConfig", endpoint);
        client.postJson("/networks/" + Query.pathSegment(network) + "/connect", Query.of(), body);
    }

    public JsonNode top(String id) {
        return client.getJson(path(id) + "/top", Query.of());
    }

    /** Waits for the container to stop; its exit code. */
    public int waitExit(String id) {
        return client.postJson(path(id) + "/wait", Query.of(), null).path("StatusCode").asInt();
    }

    /** The log stream (multiplexed unless the container has a TTY); the caller closes it. */
    public HttpResponse logs(String id, boolean follow, String tail, boolean timestamps) {
        return logs(id, follow, tail, timestamps, null);
    }

    /** As {@link #logs(String, boolean, String, boolean)}, from {@code since} (the API's "seconds.nanos") when given. */
    public HttpResponse logs(String id, boolean follow, String tail, boolean timestamps, String since) {
        Query q = Query.of().add("stdout", "1").add("stderr", "1").flag("follow", follow).flag("timestamps", timestamps)
                .add("tail", tail == null ? "all" : tail);
        if (since != null) {
            q.add("since", since);
        }
        return client.call("GET", path(id) + "/logs", q, RequestBody.NONE);
    }

    /**
     * The project's container start and die events from now on, as a stream of JSON messages (Compose
     * v2's filter: project label, not one-off); the caller closes it.
     */
    public HttpResponse containerStartsAndDeaths(String project) {
        ObjectNode filters = Json.object();
        filters.putObject("label").put(ComposeLabels.PROJECT + "=" + project, true)
                .put(ComposeLabels.ONEOFF + "=False", true);
        filters.putObject("type").put("container", true);
        filters.putObject("event").put("start", true).put("die", true);
        return client.call("GET", "/events", Query.of().add("filters", Json.text(filters)), RequestBody.NONE);
    }

    // ---- networks

    /** The network with exactly this name, if there is one. */
    public Optional<JsonNode> network(String name) {
        return optional(() -> client.getJson("/networks/" + Query.pathSegment(name), Query.of()))
                .filter(n -> n.path("Name").asText().equals(name) || n.path("Id").asText().startsWith(name));
    }

    public void createNetwork(ObjectNode body) {
        client.postJson("/networks/create", Query.of(), body);
    }

    /** The project's networks, found by label. */
    public List<JsonNode> projectNetworks(String project) {
        ObjectNode filters = Json.object();
        filters.putObject("label").put(ComposeLabels.PROJECT + "=" + project, true);
        List<JsonNode> out = new ArrayList<>();
        client.getJson("/networks", Query.of().add("filters", Json.text(filters))).forEach(out::add);
        return out;
    }

    public void removeNetwork(String idOrName) {
        client.delete("/networks/" + Query.pathSegment(idOrName), Query.of());
    }

    // ---- volumes

    public Optional<JsonNode> volume(String name) {
        return optional(() -> client.getJson("/volumes/" + Query.pathSegment(name), Query.of()));
    }

    public void createVolume(ObjectNode body) {
        client.postJson("/volumes/create", Query.of(), body);
    }

    public List<JsonNode> projectVolumes(String project) {
        ObjectNode filters = Json.object();
        filters.putObject("label").put(ComposeLabels.PROJECT + "=" + project, true);
        List<JsonNode> out = new ArrayList<>();
        client.getJson("/volumes", Query.of().add("filters", Json.text(filters))).path("Volumes").forEach(out::add);
        return out;
    }

    public void removeVolume(String name) {
        client.delete("/volumes/" + Query.pathSegment(name), Query.of());
    }

    // ---- images

    public Optional<JsonNode> image(String ref) {
        return optional(() -> client.getJson("/images/" + Query.pathSegment(ref) + "/json", Query.of()));
    }

    public void removeImage(String ref) {
        client.delete("/images/" + Query.pathSegment(ref), Query.of());
    }

    /** Pulls, reading the progress stream to its end; an error line in it becomes a ProjectException. */
    public void pull(String image, String registryAuth) {
        int at = image.indexOf('@');
        int colon = image.lastIndexOf(':');
        String name = image;
        String tag = "latest";
        if (at >= 0) {
            name = image.substring(0, at);
            tag = image.substring(at + 1);
        } else if (colon > image.lastIndexOf('/')) {
            name = image.substring(0, colon);
            tag = image.substring(colon + 1);
        }
        try (HttpResponse r = client.pullImage(name, tag, null, registryAuth); InputStream in = r.body()) {
            checkStream(in, "pull " + image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a JSON progress stream; the first {@code error} in it is thrown. */
    public static void checkStream(InputStream in, String what) throws IOException {
        checkStream(in, what, text -> {});
    }

    /** As {@link #checkStream(InputStream, String)}, handing each {@code stream} text (build output) to {@code output}. */
    public static void checkStream(InputStream in, String what, java.util.function.Consumer<String> output) throws IOException {
        var parser = Json.mapper().getFactory().createParser(in);
        var it = Json.mapper().readValues(parser, JsonNode.class);
        while (it.hasNext()) {
            JsonNode line = it.next();
            if (line.has("error") || line.has("errorDetail")) {
                String msg = line.path("errorDetail").path("message").asText(line.path("error").asText());
                throw new ProjectException(what + ": " + msg);
            }
            if (line.hasNonNull("stream")) {
                output.accept(line.path("stream").asText());
            }
        }
    }

    private static String path(String id) {
        return "/containers/" + Query.pathSegment(id);
    }

    /** A POST verb; 304 (already started, already stopped) is success, as it is for compose. */
    private void post(String path, Query q) {
        HttpResponse r = client.send(berth.client.HttpRequest.of("POST", path + q.toQueryString()));
        if (r.status() == 304 || r.isSuccess()) {
            r.close();
            return;
        }
        throw DaemonClient.errorFrom(r);
    }

    private static Optional<JsonNode> optional(java.util.function.Supplier<JsonNode> get) {
        try {
            return Optional.of(get.get());
        } catch (DaemonErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Labels as a JSON object. */
    public static ObjectNode labels(Map<String, String> labels) {
        ObjectNode o = Json.object();
        labels.forEach(o::put);
        return o;
    }
}
