package berth.network.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's IPv4 routes (/proc/net/route), so a subnet berth picks does not shadow a network the
 * host already reaches — other daemons' bridges included. The default route is left out: it overlaps
 * everything.
 */
final class HostRoutes {
    private HostRoutes() {}

    static List<Cidr> read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/net/route")));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Lines as in /proc/net/route: Iface Destination Gateway Flags ... Mask, hex in host (little-endian) order. */
    static List<Cidr> parse(List<String> lines) {
        List<Cidr> out = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                int dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
                int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
                int bits = Integer.bitCount(mask);
                if (bits > 0) {
                    out.add(new Cidr(dest, bits));
                }
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return out;
    }
}
