package berth.api.wire;

import static berth.api.wire.JsonFields.bool;
import static berth.api.wire.JsonFields.child;
import static berth.api.wire.JsonFields.number;
import static berth.api.wire.JsonFields.stringMap;
import static berth.api.wire.JsonFields.strings;
import static berth.api.wire.JsonFields.text;

import berth.container.HealthConfig;
import berth.container.HostConfig;
import berth.errors.BerthException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates the wire's {@code HostConfig} (create and update bodies) and {@code Healthcheck} into the
 * engine's records. Only shapes are checked here; the meaning (known capabilities, existing bind
 * sources, ...) is the engine's to judge.
 */
public final class HostConfigRequest {
    private HostConfigRequest() {}

    public static HostConfig hostConfig(JsonNode host) {
        if (host == null || host.isNull() || host.isMissingNode()) {
            return HostConfig.DEFAULT;
        }
        if (!host.isObject()) {
            throw BerthException.invalid("invalid HostConfig: expected a JSON object");
        }
        JsonNode restart = child(host, "RestartPolicy");
        return new HostConfig(
                resources(host),
                list(host, "Binds"),
                mounts(child(host, "Mounts")),
                stringMap(host, "Tmpfs"),
                list(host, "CapAdd"),
                list(host, "CapDrop"),
                bool(host, "Privileged"),
                list(host, "SecurityOpt"),
                bool(host, "ReadonlyRootfs"),
                devices(child(host, "Devices")),
                list(host, "GroupAdd"),
                bool(host, "Init"),
                text(host, "IpcMode").orElse(""),
                text(host, "PidMode").orElse(""),
                text(host, "UTSMode").orElse(""),
                list(host, "ExtraHosts"),
                list(host, "Dns"),
                list(host, "DnsSearch"),
                list(host, "DnsOptions"),
                stringMap(host, "Sysctls"),
                number(host, "ShmSize"),
                new HostConfig.RestartPolicy(text(restart, "Name").orElse("no"),
                        (int) number(restart, "MaximumRetryCount")))
                .withLogConfig(logConfig(child(host, "LogConfig")));
    }

    /** {@code LogConfig {Type, Config}}; absent or an empty type: the daemon's default, filled in by the engine. */
    static berth.logs.driver.LogConfig logConfig(JsonNode log) {
        if (log == null || log.isNull()) {
            return new berth.logs.driver.LogConfig("", java.util.Map.of());
        }
        if (!log.isObject()) {
            throw BerthException.invalid("invalid HostConfig.LogConfig: expected a JSON object");
        }
        return new berth.logs.driver.LogConfig(text(log, "Type").orElse(""), stringMap(log, "Config"));
    }

    /** The resource fields, which sit directly in HostConfig on create and at the top level on update. */
    public static HostConfig.Resources resources(JsonNode r) {
        if (r == null || r.isNull()) {
            return HostConfig.Resources.NONE;
        }
        JsonNode oomKillDisable = child(r, "OomKillDisable");
        return new HostConfig.Resources(
                number(r, "Memory"),
                number(r, "MemorySwap"),
                number(r, "MemoryReservation"),
                number(r, "NanoCpus"),
                number(r, "CpuShares"),
                number(r, "CpuPeriod"),
                number(r, "CpuQuota"),
                text(r, "CpusetCpus").orElse(""),
                text(r, "CpusetMems").orElse(""),
                number(r, "PidsLimit"),
                oomKillDisable != null && oomKillDisable.asBoolean(false),
                ulimits(child(r, "Ulimits")),
                number(r, "BlkioWeight"));
    }

    /** {@code Healthcheck} of a create request; empty when absent. */
    public static Optional<HealthConfig> healthcheck(JsonNode h) {
        if (h == null || h.isNull()) {
            return Optional.empty();
        }
        if (!h.isObject()) {
            throw BerthException.invalid("invalid Healthcheck: expected a JSON object");
        }
        HealthConfig c = new HealthConfig(strings(h, "Test").orElse(List.of()), number(h, "Interval"),
                number(h, "Timeout"), number(h, "StartPeriod"), (int) number(h, "Retries"));
        for (long d : new long[] {c.intervalNanos(), c.timeoutNanos(), c.startPeriodNanos()}) {
            if (d != 0 && d < 1_000_000) {
                throw BerthException.invalid("Interval in Healthcheck cannot be less than 1ms");
            }
        }
        if (c.retries() < 0) {
            throw BerthException.invalid("Retries in Healthcheck cannot be negative");
        }
        return Optional.of(c);
    }

    private static List<String> list(JsonNode parent, String field) {
        return strings(parent, field).orElse(List.of());
    }

    private static List<HostConfig.Ulimit> ulimits(JsonNode n) {
        List<HostConfig.Ulimit> out = new ArrayList<>();
        for (JsonNode u : array(n, "Ulimits")) {
            out.add(new HostConfig.Ulimit(text(u, "Name").orElse(""), number(u, "Soft"), number(u, "Hard")));
        }
        return out;
    }

    private static List<HostConfig.DeviceMapping> devices(JsonNode n) {
        List<HostConfig.DeviceMapping> out = new ArrayList<>();
        for (JsonNode d : array(n, "Devices")) {
            out.add(new HostConfig.DeviceMapping(text(d, "PathOnHost").orElse(""),
                    text(d, "PathInContainer").orElse(""), text(d, "CgroupPermissions").orElse("")));
        }
        return out;
    }

    private static List<HostConfig.Mount> mounts(JsonNode n) {
        List<HostConfig.Mount> out = new ArrayList<>();
        for (JsonNode m : array(n, "Mounts")) {
            JsonNode tmpfs = child(m, "TmpfsOptions");
            out.add(new HostConfig.Mount(text(m, "Type").orElse(""), text(m, "Source").orElse(""),
                    text(m, "Target").orElse(""), bool(m, "ReadOnly"),
                    text(child(m, "BindOptions"), "Propagation").orElse(""),
                    number(tmpfs, "SizeBytes"), (int) number(tmpfs, "Mode"),
                    bool(child(m, "VolumeOptions"), "NoCopy")));
        }
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw BerthException.invalid("invalid " + field + ": expected a JSON array");
        }
        for (JsonNode e : n) {
            if (!e.isObject()) {
                throw BerthException.invalid("invalid " + field + ": expected an array of objects");
            }
        }
        return n;
    }
}
