package berth.network.firewall;

import berth.errors.BerthException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes kernel settings. The packet filter needs {@code net/ipv4/ip_forward} and, per bridge,
 * {@code net/ipv4/conf/<bridge>/route_localnet} (so packets from 127.0.0.1 may be DNAT-ed out of it).
 * The files under /proc/sys/net belong to the network namespace of the thread that opens them, which
 * is why a filter working in another namespace needs {@link #via}.
 */
@FunctionalInterface
public interface Sysctl {
    /**
     * @param key   slash-separated, relative to /proc/sys: "net/ipv4/ip_forward"
     * @param value what to write, e.g. "1"
     */
    void write(String key, String value);

    /** The daemon's own network namespace: writes /proc/sys directly. */
    static Sysctl proc() {
        return (key, value) -> {
            Path file = Path.of("/proc/sys", key);
            try {
                Files.writeString(file, value, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw BerthException.internal("cannot set " + file + " to " + value + ": " + e, e);
            }
        };
    }

    /** Runs {@code prefix + [sysctl, -qw, key=value]}, e.g. behind {@code ip netns exec NS}. */
    static Sysctl via(List<String> prefix) {
        return (key, value) -> {
            List<String> argv = new ArrayList<>(prefix);
            argv.addAll(List.of("sysctl", "-qw", key + "=" + value));
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw BerthException.internal("cannot set " + key + " to " + value + ": " + out.strip(), null);
                }
            } catch (IOException e) {
                throw BerthException.internal("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BerthException.internal("interrupted while setting " + key, e);
            }
        };
    }
}
