package berth.api.routes;

import berth.api.http.Exchange;
import berth.api.http.Router;
import berth.api.wire.HostConfigRequest;
import berth.api.wire.StatsDtos;
import berth.container.Container;
import berth.container.ContainerService;
import berth.container.ContainerStats;
import berth.container.HostConfig;
import berth.errors.BerthException;
import berth.errors.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /containers/{id}/stats} and {@code POST /containers/{id}/update}: a container's resource
 * use and its limits.
 *
 * <p>Stats as dockerd serves them: with {@code stream} (the default) one sample a second for as long
 * as the client reads and the container exists (a stopped container's samples are zeros); without,
 * one object made of two samples a second apart so its CPU share is meaningful, unless
 * {@code one-shot} asks for a single sample at once.
 */
public final class StatsRoutes {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final List<String> UNSUPPORTED_NUMBERS = List.of("KernelMemory", "KernelMemoryTCP",
            "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth");
    private static final List<String> UNSUPPORTED_LISTS = List.of("BlkioWeightDevice", "BlkioDeviceReadBps",
            "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "Devices", "DeviceCgroupRules",
            "DeviceRequests");

    private final ContainerService containers;
    private final Duration interval;

    public StatsRoutes(ContainerService containers) {
        this(containers, INTERVAL);
    }

    /** @param interval time between samples (tests shorten it) */
    public StatsRoutes(ContainerService containers, Duration interval) {
        this.containers = containers;
        this.interval = interval;
    }

    public void register(Router r) {
        r.add("GET", "/containers/([^/]+)/stats", this::stats);
        r.add("POST", "/containers/([^/]+)/update", this::update);
    }

    private void stats(Exchange ex) throws InterruptedException {
        String ref = ex.param(0);
        boolean stream = ex.query().bool("stream", true);
        boolean oneShot = ex.query().bool("one-shot", false);
        if (oneShot && stream) {
            throw BerthException.invalid("cannot have stream=true and one-shot=true");
        }
        Container c = containers.inspect(ref);
        if (!stream) {
            Optional<ContainerStats> first = containers.stats(ref);
            if (first.isEmpty() || oneShot) {
                ex.respondJson(200, StatsDtos.of(c.id(), c.name(), first, Optional.empty()));
                return;
            }
            Thread.sleep(interval);
            Optional<ContainerStats> second = containers.stats(ref);
            ex.respondJson(200, second.isEmpty() ? StatsDtos.of(c.id(), c.name(), second, Optional.empty())
                    : StatsDtos.of(c.id(), c.name(), second, first));
            return;
        }
        var out = ex.startChunked(200, "application/json", false, false);
        Optional<ContainerStats> previous = Optional.empty();
        while (ex.clientConnected()) {
            Optional<ContainerStats> now;
            try {
                c = containers.inspect(ref);
                now = containers.stats(ref);
            } catch (BerthException e) {
                if (e.kind() == ErrorKind.NOT_FOUND) {
                    break; // removed: dockerd ends the stream too
                }
                throw e;
            }
            out.writeJsonLine(StatsDtos.of(c.id(), c.name(), now, previous));
            previous = now;
            Thread.sleep(interval);
        }
        out.end();
    }

    private void update(Exchange ex) {
        JsonNode body = ex.jsonBody();
        if (!body.isMissingNode() && !body.isObject()) {
            throw BerthException.invalid("invalid update request: expected a JSON object");
        }
        refuseUnsupported(body);
        HostConfig.Resources resources = HostConfigRequest.resources(body.isMissingNode() ? null : body);
        Optional<HostConfig.RestartPolicy> restart = Optional.empty();
        JsonNode policy = body.path("RestartPolicy");
        if (policy.isObject() && !policy.path("Name").asText("").isEmpty()) {
            restart = Optional.of(new HostConfig.RestartPolicy(policy.path("Name").asText(),
                    policy.path("MaximumRetryCount").asInt(0)));
        }
        var warnings = containers.update(ex.param(0), resources, restart);
        ex.respondJson(200, new StatsDtos.UpdateResponse(warnings));
    }

    /** Limits berth cannot apply: an error rather than a silent no-op (the CLI sends zeros and nulls for unset ones). */
    private static void refuseUnsupported(JsonNode body) {
        List<String> asked = new ArrayList<>();
        for (String f : UNSUPPORTED_NUMBERS) {
            if (body.path(f).asLong(0) != 0) {
                asked.add(f);
            }
        }
        JsonNode swappiness = body.path("MemorySwappiness");
        if (swappiness.isNumber() && swappiness.asLong() != -1) {
            asked.add("MemorySwappiness");
        }
        for (String f : UNSUPPORTED_LISTS) {
            if (body.path(f).isArray() && !body.path(f).isEmpty()) {
                asked.add(f);
            }
        }
        if (!asked.isEmpty()) {
            throw BerthException.notImplemented("berth cannot update " + String.join(", ", asked) + " yet");
        }
    }
}
