package berth.container.local;

import berth.archive.RootedTree;
import berth.container.BindSpec;
import berth.container.HostConfig;
import berth.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * A container's bind mounts, mounted for a moment onto its rootfs as the daemon sees it, so that
 * {@code docker cp} reads and writes what the container sees at those paths (Docker mounts a
 * container's volumes the same way for cp). Each target is resolved inside the rootfs first, so a
 * symlink planted by the container cannot redirect a mount onto the host; the caller keeps the
 * container frozen or stopped meanwhile. Targets that do not exist (a container never started) are
 * left alone. Closing unmounts, innermost first.
 */
final class BindOverlay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BindOverlay.class.getName());
    private final Deque<Path> mounted = new ArrayDeque<>();

    private BindOverlay() {}

    static BindOverlay mount(Path rootfs, HostConfig hostConfig) throws IOException {
        record Bind(String source, String target, boolean readOnly) {}
        List<Bind> binds = new ArrayList<>();
        for (String raw : hostConfig.binds()) {
            BindSpec b = BindSpec.parse(raw);
            binds.add(new Bind(b.source(), b.target(), b.readOnly()));
        }
        for (HostConfig.Mount m : hostConfig.mounts()) {
            if (m.type().equals("bind")) {
                binds.add(new Bind(m.source(), m.target(), m.readOnly()));
            }
        }
        binds.sort(Comparator.comparingInt(b -> b.target().split("/").length));
        BindOverlay overlay = new BindOverlay();
        try {
            RootedTree tree = new RootedTree(rootfs);
            for (Bind b : binds) {
                Path target = tree.follow(b.target());
                Path source = Path.of(b.source());
                boolean dir = Files.isDirectory(source);
                boolean fits = dir ? Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                        : Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
                if (!fits || !Files.exists(source)) {
                    continue;
                }
                Mounts.bind(source, target, b.readOnly());
                overlay.mounted.push(target);
            }
            return overlay;
        } catch (IOException | RuntimeException e) {
            overlay.close();
            throw e;
        }
    }

    @Override
    public void close() {
        while (!mounted.isEmpty()) {
            Path p = mounted.pop();
            try {
                Mounts.unmount(p, true);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot unmount the bind at " + p + ": " + e.getMessage());
            }
        }
    }
}
