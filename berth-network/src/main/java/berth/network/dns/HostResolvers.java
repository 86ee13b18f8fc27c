package berth.network.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's resolvers: the {@code nameserver} lines of its resolv.conf, read again whenever the file
 * changes (DHCP and VPN clients rewrite it while the daemon runs). A missing or unreadable file means
 * no resolvers; questions the daemon cannot answer then get SERVFAIL.
 */
final class HostResolvers implements Supplier<List<InetSocketAddress>> {
    static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static final int DNS_PORT = 53;

    private final Path file;
    private Snapshot last = new Snapshot(null, -1, List.of()); // guarded by this

    HostResolvers(Path file) {
        this.file = file;
    }

    private record Snapshot(FileTime modified, long size, List<InetSocketAddress> servers) {}

    @Override
    public synchronized List<InetSocketAddress> get() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return List.of();
        }
        if (!attrs.lastModifiedTime().equals(last.modified()) || attrs.size() != last.size()) {
            try {
                last = new Snapshot(attrs.lastModifiedTime(), attrs.size(), parse(Files.readAllLines(file)));
            } catch (IOException e) {
                return List.of();
            }
        }
        return last.servers();
    }

    /** The nameserver addresses in resolv.conf's lines, in order; malformed entries are skipped. */
    static List<InetSocketAddress> parse(List<String> lines) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2 && fields[0].equals("nameserver")) {
                literal(fields[1]).ifPresent(a -> servers.add(new InetSocketAddress(a, DNS_PORT)));
            }
        }
        return List.copyOf(servers);
    }

    /** Only address literals, parsed without a lookup: a host name here would need a resolver to find the resolver. */
    private static Optional<InetAddress> literal(String s) {
        try {
            return Optional.of(InetAddress.ofLiteral(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
