package berth.container.local;

import berth.container.ContainerConfig;
import berth.container.ContainerSpec;
import berth.container.HealthConfig;
import berth.errors.BerthException;
import berth.image.Image;
import berth.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Merges a create request with its image's defaults the way Docker does. */
final class ConfigMerge {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ConfigMerge() {}

    static ContainerConfig merge(ContainerSpec spec, Image image, String id) {
        ImageConfig ic = image.config();
        List<String> entrypoint;
        List<String> cmd;
        if (spec.entrypoint().isPresent()) {
            // An entrypoint given on create drops the image's Cmd unless a Cmd is given too.
            entrypoint = spec.entrypoint().get();
            cmd = spec.cmd().orElse(List.of());
        } else {
            entrypoint = ic.entrypoint().orElse(List.of());
            cmd = spec.cmd().filter(c -> !c.isEmpty()).orElse(ic.cmd().orElse(List.of()));
        }
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw BerthException.invalid("No command specified");
        }
        Map<String, String> labels = new LinkedHashMap<>(ic.labels());
        labels.putAll(spec.labels());
        LinkedHashSet<String> ports = new LinkedHashSet<>(ic.exposedPorts());
        ports.addAll(spec.exposedPorts());
        // With the host's network a container also shows the host's name, as Docker does.
        String hostname = spec.hostname().filter(h -> !h.isEmpty())
                .orElseGet(() -> spec.networkMode().equals("host") ? hostName() : id.substring(0, 12));
        return new ContainerConfig(
                hostname,
                spec.domainname().orElse(""),
                spec.user().filter(u -> !u.isEmpty()).orElse(ic.user().orElse("")),
                spec.attachStdin(), spec.attachStdout(), spec.attachStderr(),
                spec.openStdin(), spec.stdinOnce(), spec.tty(),
                mergeEnv(ic.env(), spec.env()),
                cmd,
                entrypoint,
                spec.image(),
                spec.workingDir().filter(w -> !w.isEmpty()).orElse(ic.workingDir().orElse("")),
                labels,
                List.copyOf(ports),
                spec.stopSignal().filter(s -> !s.isEmpty()).or(ic::stopSignal),
                spec.stopTimeout(),
                healthcheck(spec.healthcheck(), ic.healthcheck()));
    }

    /**
     * Docker's rule: the request's check, with an empty test or zero durations and retries taken from
     * the image's; a check that ends up disabled ({@code NONE}) is kept so inspect shows it.
     */
    static Optional<HealthConfig> healthcheck(Optional<HealthConfig> requested, Optional<HealthConfig> image) {
        if (requested.isEmpty()) {
            return image;
        }
        HealthConfig r = requested.get();
        if (image.isEmpty()) {
            return requested;
        }
        HealthConfig i = image.get();
        return Optional.of(new HealthConfig(r.test().isEmpty() ? i.test() : r.test(),
                r.intervalNanos() == 0 ? i.intervalNanos() : r.intervalNanos(),
                r.timeoutNanos() == 0 ? i.timeoutNanos() : r.timeoutNanos(),
                r.startPeriodNanos() == 0 ? i.startPeriodNanos() : r.startPeriodNanos(),
                r.retries() == 0 ? i.retries() : r.retries()));
    }

    /** Image env first, then the request's, a later KEY replacing an earlier one in place; PATH defaulted. */
    static List<String> mergeEnv(List<String> imageEnv, List<String> requested) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (List<String> source : List.of(imageEnv, requested)) {
            for (String kv : source) {
                int eq = kv.indexOf('=');
                String key = eq < 0 ? kv : kv.substring(0, eq);
                if (key.isEmpty()) {
                    throw BerthException.invalid("invalid environment variable: " + kv);
                }
                if (eq < 0) {
                    // "KEY" without a value means "unset" in Docker's create API when not in the client env.
                    continue;
                }
                byKey.put(key, kv);
            }
        }
        if (!byKey.containsKey("PATH")) {
            Map<String, String> withPath = new LinkedHashMap<>();
            withPath.put("PATH", DEFAULT_PATH);
            withPath.putAll(byKey);
            byKey = withPath;
        }
        return new ArrayList<>(byKey.values());
    }

    private static String hostName() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    static List<String> argv(ContainerConfig config) {
        List<String> argv = new ArrayList<>(config.entrypoint());
        argv.addAll(config.cmd());
        return argv;
    }

    static Optional<String> envValue(List<String> env, String key) {
        return env.stream().filter(kv -> kv.startsWith(key + "=")).map(kv -> kv.substring(key.length() + 1)).findFirst();
    }
}
