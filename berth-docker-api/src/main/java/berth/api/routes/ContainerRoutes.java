package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Filters;
import berth.api.http.QueryParams;
import berth.api.http.Router;
import berth.api.wire.ContainerDtos;
import berth.api.wire.ContainerMapper;
import berth.api.wire.ContainerNetworking;
import berth.api.wire.CreateRequest;
import berth.api.wire.Times;
import berth.container.AttachOptions;
import berth.container.Container;
import berth.container.ContainerFilter;
import berth.container.ContainerService;
import berth.container.ContainerStatus;
import berth.container.DetachKeys;
import berth.container.WaitCondition;
import berth.errors.BerthException;
import berth.logs.LogOptions;
import berth.logs.LogSource;
import berth.network.NetworkService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/** The {@code /containers/...} endpoints. */
public final class ContainerRoutes {
    private static final Set<String> LIST_FILTERS = Set.of("label", "status", "name", "id", "ancestor", "exited", "health",
            "network", "publish", "expose");
    private static final Set<String> HEALTH_STATES = Set.of("starting", "healthy", "unhealthy", "none");
    private static final Set<String> DOCKER_ONLY_FILTERS = Set.of("before", "since", "isolation", "volume", "is-task");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

    private final ContainerService containers;
    /** Null in test fakes: inspect then shows the network mode unconnected, and ps has no network filter. */
    private final NetworkService networks;

    public ContainerRoutes(ContainerService containers) {
        this(containers, null);
    }

    public ContainerRoutes(ContainerService containers, NetworkService networks) {
        this.containers = containers;
        this.networks = networks;
    }

    public void register(Router r) {
        r.add("GET", "/containers/json", this::list);
        r.add("POST", "/containers/create", this::create);
        r.add("GET", "/containers/([^/]+)/json", ex -> {
            berth.container.Container c = containers.inspect(ex.param(0));
            Object inspect = ContainerMapper.inspect(c, containers.volumeMounts(c.id()), networking(c));
            long dropped = containers.logDropped(c.id());
            if (dropped > 0) {
                // berth's addition: lines a non-blocking log driver dropped (Docker drops them unreported)
                com.fasterxml.jackson.databind.node.ObjectNode tree = berth.api.http.Json.MAPPER.valueToTree(inspect);
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("State")).put("LogDropped", dropped);
                inspect = tree;
            }
            ex.respondJson(200, inspect);
        });
        r.add("POST", "/containers/([^/]+)/start", ex -> ex.respondEmpty(containers.start(ex.param(0)) ? 204 : 304));
        r.add("POST", "/containers/([^/]+)/stop", ex -> ex.respondEmpty(
                containers.stop(ex.param(0), ex.query().integer("t"), stopSignal(ex)) ? 204 : 304));
        r.add("POST", "/containers/([^/]+)/restart", this::restart);
        r.add("POST", "/containers/([^/]+)/pause", ex -> {
            containers.pause(ex.param(0));
            ex.respondEmpty(204);
        });
        r.add("POST", "/containers/([^/]+)/unpause", ex -> {
            containers.unpause(ex.param(0));
            ex.respondEmpty(204);
        });
        r.add("POST", "/containers/([^/]+)/rename", this::rename);
        r.add("GET", "/containers/([^/]+)/top", ex -> ex.respondJson(200,
                ContainerMapper.top(containers.top(ex.param(0), ex.query().get("ps_args").orElse("")))));
        r.add("POST", "/containers/([^/]+)/kill", ex -> {
            containers.kill(ex.param(0), ex.query().nonBlank("signal"));
            ex.respondEmpty(204);
        });
        r.add("POST", "/containers/([^/]+)/wait", this::await);
        r.add("POST", "/containers/([^/]+)/attach", this::attach);
        r.add("GET", "/containers/([^/]+)/logs", this::logs);
        r.add("POST", "/containers/([^/]+)/resize", this::resize);
        r.add("DELETE", "/containers/([^/]+)", ex -> {
            if (ex.query().bool("link")) {
                throw BerthException.notImplemented("removing links is not implemented in berth (link=1)");
            }
            containers.remove(ex.param(0), ex.query().bool("force"), ex.query().bool("v"));
            ex.respondEmpty(204);
        });
    }

    private void create(Exchange ex) {
        var spec = CreateRequest.toSpec(ex.query().get("name"), ex.jsonBody());
        var result = containers.create(spec);
        ex.respondJson(201, new ContainerDtos.CreateResponse(result.id(), result.warnings()));
    }

    private void restart(Exchange ex) {
        containers.restart(ex.param(0), ex.query().integer("t"), stopSignal(ex));
        ex.respondEmpty(204);
    }

    /** {@code signal=} of stop and restart: API 1.42 added it, older clients' value is ignored as dockerd does. */
    private static Optional<String> stopSignal(Exchange ex) {
        return ex.version().atLeast(1, 42) ? ex.query().nonBlank("signal") : Optional.empty();
    }

    private void rename(Exchange ex) {
        // Docker's own check and wording; the engine judges the name itself
        String name = ex.query().nonBlank("name")
                .orElseThrow(() -> BerthException.invalid("Neither old nor new names may be empty"));
        containers.rename(ex.param(0), name);
        ex.respondEmpty(204);
    }

    /** dockerd needs both sizes here too (400 without one). */
    private void resize(Exchange ex) {
        int h = ExecRoutes.checkSize(ex, "h");
        int w = ExecRoutes.checkSize(ex, "w");
        containers.resize(ex.param(0), h, w);
        ex.respondText(200, "text/plain; charset=utf-8", "");
    }

    private void list(Exchange ex) {
        QueryParams q = ex.query();
        Filters f = q.filters();
        for (String name : f.byName().keySet()) {
            if (DOCKER_ONLY_FILTERS.contains(name)) {
                throw BerthException.notImplemented("the container filter '" + name + "' is not implemented in berth yet");
            }
        }
        f.requireOnly(LIST_FILTERS);
        for (String s : f.get("status")) {
            if (!STATUSES.contains(s)) {
                throw BerthException.invalid("invalid filter 'status=" + s + "' (allowed: created, restarting, running, removing, paused, exited, dead)");
            }
        }
        List<Integer> exited = new ArrayList<>();
        for (String e : f.get("exited")) {
            try {
                exited.add(Integer.parseInt(e));
            } catch (NumberFormatException bad) {
                throw BerthException.invalid("invalid filter 'exited=" + e + "' (expected an exit code)");
            }
        }
        List<String> health = f.get("health");
        for (String h : health) {
            if (!HEALTH_STATES.contains(h)) {
                throw BerthException.invalid("Unrecognised filter value for health: " + h);
            }
        }
        List<String> onNetworks = f.get("network");
        if (!onNetworks.isEmpty() && networks == null) {
            throw BerthException.notImplemented("the container filter 'network' is not implemented in berth yet");
        }
        Set<String> published = PortFilterValues.keys("publish", f.get("publish"));
        Set<String> exposed = PortFilterValues.keys("expose", f.get("expose"));
        boolean postFilter = !exited.isEmpty() || !health.isEmpty() || !onNetworks.isEmpty() || !published.isEmpty()
                || !exposed.isEmpty();
        int limit = q.integer("limit").orElse(-1);
        // Docker: a status or exited filter implies all=1
        boolean all = q.bool("all") || !f.get("status").isEmpty() || !exited.isEmpty();
        ContainerFilter filter = new ContainerFilter(all, limit > 0 && !postFilter ? OptionalInt.of(limit) : OptionalInt.empty(),
                f.get("label"), f.get("status"), f.get("name"), f.get("id"), f.get("ancestor"));
        Stream<Container> found = containers.list(filter).stream();
        if (!exited.isEmpty()) {
            found = found.filter(c -> c.state().status() == ContainerStatus.EXITED && exited.contains(c.state().exitCode()));
        }
        if (!health.isEmpty()) {
            found = found.filter(c -> health.contains(c.state().health().map(h -> h.status()).orElse("none")));
        }
        if (!onNetworks.isEmpty()) {
            found = found.filter(c -> networks.endpoints(c.id()).entrySet().stream().anyMatch(e ->
                    onNetworks.contains(e.getKey()) || onNetworks.stream().anyMatch(v -> v.equals(e.getValue().networkId()))));
        }
        if (!published.isEmpty()) {
            found = found.filter(c -> c.hostConfig().portBindings().stream().anyMatch(b -> published.contains(b.key())));
        }
        if (!exposed.isEmpty()) {
            found = found.filter(c -> c.config().exposedPorts().stream()
                    .anyMatch(p -> exposed.contains(p.contains("/") ? p : p + "/tcp")));
        }
        if (postFilter && limit > 0) {
            found = found.limit(limit);
        }
        Instant now = Instant.now();
        ex.respondJson(200, found.map(c -> ContainerMapper.summary(c, now, networking(c))).toList());
    }

    /** The container's endpoints, and its published ports while it runs. */
    private ContainerNetworking networking(Container c) {
        if (networks == null) {
            return ContainerNetworking.NONE;
        }
        return new ContainerNetworking(networks.endpoints(c.id()),
                c.state().running() ? networks.ports(c.id()) : List.of());
    }

    /** Chunked: the headers go at once, the body when the condition holds (the CLI waits before start). */
    private void await(Exchange ex) {
        CompletableFuture<Integer> exit = containers.wait(ex.param(0), WaitCondition.parse(ex.query().get("condition").orElse("")));
        var out = ex.startChunked(200, "application/json", false, false);
        ex.closeOnDisconnect(() -> exit.cancel(true));
        ContainerDtos.WaitResponse reply;
        try {
            reply = new ContainerDtos.WaitResponse(null, exit.join());
        } catch (CancellationException gone) {
            return;
        } catch (CompletionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            reply = new ContainerDtos.WaitResponse(new ContainerDtos.WaitError(String.valueOf(cause.getMessage())), -1);
        }
        out.writeJsonLine(reply);
        out.end();
    }

    private void attach(Exchange ex) throws Exception {
        QueryParams q = ex.query();
        AttachOptions opts = new AttachOptions(q.bool("stdin"), q.bool("stdout"), q.bool("stderr"), q.bool("logs"), q.bool("stream"));
        boolean tty = containers.inspect(ex.param(0)).config().tty();
        DetachKeys keys = DetachKeys.parse(q.get("detachKeys").orElse(""));
        new HijackSession(opts.stdout(), opts.stderr(), tty, keys).serve(ex, containers.attach(ex.param(0), opts));
    }

    private void logs(Exchange ex) throws Exception {
        QueryParams q = ex.query();
        boolean stdout = q.bool("stdout");
        boolean stderr = q.bool("stderr");
        if (!stdout && !stderr) {
            throw BerthException.invalid("Bad parameters: you must choose at least one stream");
        }
        LogOptions opts = new LogOptions(stdout, stderr, q.bool("follow"), tail(q.get("tail").orElse("all")),
                time(q, "since"), time(q, "until"));
        boolean tty = containers.inspect(ex.param(0)).config().tty();
        try (LogSource source = containers.logs(ex.param(0), opts)) {
            ex.closeOnDisconnect(source);
            // dockerd 20.10 (API 1.41) sent no Content-Type here; newer daemons name the framing
            var out = ex.startChunked(200, ex.version().atLeast(1, 42) ? StreamOutput.contentType(ex, tty) : null, false, false);
            StreamOutput.copy(source, stdout, stderr, tty, q.bool("timestamps"), out::write);
            out.end();
        }
    }

    static OptionalInt tail(String raw) {
        String v = raw.trim();
        if (v.isEmpty() || v.equals("all")) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v);
            return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid value for tail: \"" + raw + "\" (expected \"all\" or a number)");
        }
    }

    static Optional<Instant> time(QueryParams q, String key) {
        Optional<String> v = q.nonBlank(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant t = Times.parseUnixOrRfc3339(v.get());
            return t.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(t);
        } catch (RuntimeException e) {
            throw BerthException.invalid("invalid value for " + key + ": \"" + v.get() + "\" (expected unix seconds, e.g. 1700000000.5)");
        }
    }
}
