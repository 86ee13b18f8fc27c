package berth.container.local;

import berth.container.ContainerConfig;
import berth.image.ImageChanges;
import berth.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The config of the image {@code docker commit} makes, by Docker's rules: the request's config, or
 * else the container's, with the {@code changes} applied; then whatever that leaves empty is filled
 * from the container's config (Docker's {@code merge}: env and labels by key, ports and volumes as
 * sets, Cmd only when neither Entrypoint nor Cmd is set).
 */
final class CommitConfig {
    private CommitConfig() {}

    /**
     * @param container the container's config
     * @param volumes   the container's volumes (its image's: the container config does not carry them)
     */
    static ImageConfig of(ContainerConfig container, List<String> volumes, Optional<ImageConfig> requested,
                          List<String> changes) {
        ImageConfig own = fromContainer(container, volumes);
        ImageConfig cfg = ImageChanges.apply(requested.orElse(own), changes);
        return merge(cfg, own);
    }

    static ImageConfig fromContainer(ContainerConfig c, List<String> volumes) {
        return new ImageConfig(nonEmpty(c.user()), c.env(), Optional.of(c.entrypoint()).filter(l -> !l.isEmpty()),
                Optional.of(c.cmd()).filter(l -> !l.isEmpty()), nonEmpty(c.workingDir()), c.labels(), c.exposedPorts(),
                volumes, c.stopSignal(), c.healthcheck());
    }

    static ImageConfig merge(ImageConfig user, ImageConfig from) {
        List<String> env = new ArrayList<>(user.env());
        for (String e : from.env()) {
            String key = e.split("=", 2)[0];
            if (env.stream().noneMatch(u -> u.split("=", 2)[0].equals(key))) {
                env.add(e);
            }
        }
        Map<String, String> labels = new LinkedHashMap<>(from.labels());
        labels.putAll(user.labels());
        LinkedHashSet<String> ports = new LinkedHashSet<>(user.exposedPorts());
        ports.addAll(from.exposedPorts());
        LinkedHashSet<String> volumes = new LinkedHashSet<>(user.volumes());
        volumes.addAll(from.volumes());
        Optional<List<String>> cmd = user.cmd();
        Optional<List<String>> entrypoint = user.entrypoint();
        if (entrypoint.map(List::isEmpty).orElse(true)) {
            if (cmd.map(List::isEmpty).orElse(true)) {
                cmd = from.cmd();
            }
            if (entrypoint.isEmpty()) {
                entrypoint = from.entrypoint();
            }
        }
        return new ImageConfig(user.user().or(from::user), env, entrypoint, cmd, user.workingDir().or(from::workingDir),
                labels, List.copyOf(ports), List.copyOf(volumes), user.stopSignal().or(from::stopSignal),
                user.healthcheck().or(from::healthcheck));
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
