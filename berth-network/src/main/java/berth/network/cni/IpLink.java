package berth.network.cni;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The few host-side link changes the CNI plugins do not make: a network's bridge at create time (so
 * its address and firewall rules exist before the first container), VLAN sub-interfaces for
 * macvlan/ipvlan parents. Through iproute2's {@code ip}; links berth made carry an alias
 * ({@code berth:<daemon>:<network-id>}) so they can be told from the host's own, and from another
 * daemon's on the same host, after a crash.
 */
final class IpLink {
    private static final Path SYS_NET = Path.of("/sys/class/net");
    static final String ALIAS_PREFIX = "berth:";

    /** The alias of a link made by daemon {@code owner} for network {@code networkId}. */
    static String alias(String owner, String networkId) {
        return ALIAS_PREFIX + owner + ":" + networkId;
    }

    /**
     * The network id in the alias of a link daemon {@code owner} made; empty for any other link.
     */
    static java.util.Optional<String> ownedNetwork(String owner, String link) {
        String a = alias(link);
        String mine = ALIAS_PREFIX + owner + ":";
        return a.startsWith(mine) ? java.util.Optional.of(a.substring(mine.length())) : java.util.Optional.empty();
    }

    private IpLink() {}

    static boolean exists(String name) {
        return Files.exists(SYS_NET.resolve(name));
    }

    static boolean isBridge(String name) {
        return Files.isDirectory(SYS_NET.resolve(name).resolve("bridge"));
    }

    /** The link's alias, "" when it has none. */
    static String alias(String name) {
        try {
            return Files.readString(SYS_NET.resolve(name).resolve("ifalias")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Every link name on the host. */
    static List<String> all() {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(SYS_NET)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            // no sysfs: nothing to list
        }
        return out;
    }

    static void run(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("ip");
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw BerthException.internal(String.join(" ", argv) + ": " + out, null);
            }
        } catch (IOException e) {
            throw BerthException.internal("cannot run ip: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.internal("interrupted running ip", e);
        }
    }

    static void deleteQuietly(String name) {
        if (exists(name)) {
            try {
                run("link", "del", name);
            } catch (BerthException e) {
                System.getLogger(IpLink.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
    }
}
