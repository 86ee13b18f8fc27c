package berth.build.exec;

import berth.container.HealthConfig;
import berth.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image config a stage is building (Docker's {@code runConfig}): the base image's, changed by each
 * instruction. Mutable; one per stage, used on the build's thread only.
 */
final class StepConfig {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    String user = "";
    final List<String> env = new ArrayList<>();
    Optional<List<String>> entrypoint = Optional.empty();
    Optional<List<String>> cmd = Optional.empty();
    String workingDir = "";
    final Map<String, String> labels = new LinkedHashMap<>();
    final LinkedHashSet<String> exposedPorts = new LinkedHashSet<>();
    final LinkedHashSet<String> volumes = new LinkedHashSet<>();
    String stopSignal = "";
    Optional<HealthConfig> healthcheck = Optional.empty();
    List<String> shell = List.of();
    final List<String> onBuild = new ArrayList<>();

    /** A stage's start: the base image's config (none for scratch), PATH defaulted as Docker does. */
    static StepConfig of(Optional<ImageConfig> base) {
        StepConfig c = new StepConfig();
        base.ifPresent(b -> {
            c.user = b.user().orElse("");
            c.env.addAll(b.env());
            c.entrypoint = b.entrypoint();
            c.cmd = b.cmd();
            c.workingDir = b.workingDir().orElse("");
            c.labels.putAll(new TreeMap<>(b.labels()));
            c.exposedPorts.addAll(b.exposedPorts());
            c.volumes.addAll(b.volumes());
            c.stopSignal = b.stopSignal().orElse("");
            c.healthcheck = b.healthcheck();
            c.shell = b.shell();
            c.onBuild.addAll(b.onBuild());
        });
        if (c.env.stream().noneMatch(kv -> kv.startsWith("PATH="))) {
            c.env.add(DEFAULT_PATH);
        }
        return c;
    }

    /** The shell that shell-form commands run with: SHELL's, else {@code /bin/sh -c}. */
    List<String> effectiveShell() {
        return shell.isEmpty() ? DEFAULT_SHELL : shell;
    }

    /** ENV's rule: a key already set is replaced in place, a new one appended. */
    void setEnv(String key, String value) {
        String entry = key + "=" + value;
        for (int i = 0; i < env.size(); i++) {
            String kv = env.get(i);
            int eq = kv.indexOf('=');
            if ((eq < 0 ? kv : kv.substring(0, eq)).equals(key)) {
                env.set(i, entry);
                return;
            }
        }
        env.add(entry);
    }

    ImageConfig toImageConfig() {
        return new ImageConfig(Optional.of(user).filter(u -> !u.isEmpty()), env, entrypoint, cmd,
                Optional.of(workingDir).filter(w -> !w.isEmpty()), labels, List.copyOf(exposedPorts),
                List.copyOf(volumes), Optional.of(stopSignal).filter(s -> !s.isEmpty()), healthcheck, shell, onBuild);
    }

    /**
     * A canonical text of the whole config (maps sorted), for the cache key: a step whose result would
     * have another config must never hit an entry made with this one.
     */
    String canonical() {
        StringBuilder sb = new StringBuilder();
        sb.append("user=").append(user).append('\n');
        env.forEach(e -> sb.append("env=").append(e).append('\n'));
        sb.append("entrypoint=").append(entrypoint.map(GoText::quotedList).orElse("<none>")).append('\n');
        sb.append("cmd=").append(cmd.map(GoText::quotedList).orElse("<none>")).append('\n');
        sb.append("workdir=").append(workingDir).append('\n');
        new TreeMap<>(labels).forEach((k, v) -> sb.append("label=").append(GoText.quote(k)).append('=')
                .append(GoText.quote(v)).append('\n'));
        exposedPorts.stream().sorted().forEach(p -> sb.append("port=").append(p).append('\n'));
        volumes.stream().sorted().forEach(v -> sb.append("volume=").append(GoText.quote(v)).append('\n'));
        sb.append("stopsignal=").append(stopSignal).append('\n');
        healthcheck.ifPresent(h -> sb.append("health=").append(GoText.quotedList(h.test())).append(' ')
                .append(h.intervalNanos()).append(' ').append(h.timeoutNanos()).append(' ')
                .append(h.startPeriodNanos()).append(' ').append(h.retries()).append('\n'));
        sb.append("shell=").append(GoText.quotedList(shell)).append('\n');
        onBuild.forEach(o -> sb.append("onbuild=").append(GoText.quote(o)).append('\n'));
        return sb.toString();
    }
}
