package berth.container.local;

import berth.container.HostConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The /etc/hosts, /etc/hostname and /etc/resolv.conf a container gets, as Docker writes them. */
final class EtcFiles {
    private static final String DEFAULT_HOSTS = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            fe00::0\tip6-localnet
            ff00::0\tip6-mcastprefix
            ff02::1\tip6-allnodes
            ff02::2\tip6-allrouters
            """;

    private EtcFiles() {}

    static void write(ContainerFiles files, String hostname, boolean hostNetwork) throws IOException {
        write(files, hostname, hostNetwork, HostConfig.DEFAULT);
    }

    /** With --add-host entries in /etc/hosts and --dns, --dns-search, --dns-option in /etc/resolv.conf. */
    static void write(ContainerFiles files, String hostname, boolean hostNetwork, HostConfig h) throws IOException {
        Files.writeString(files.hostname(), hostname + "\n");
        String hosts = hostNetwork ? readOr(Path.of("/etc/hosts"), DEFAULT_HOSTS) : DEFAULT_HOSTS;
        Files.writeString(files.hosts(), hosts(hosts, h.extraHosts()));
        String resolv = resolvConf(readOr(Path.of("/etc/resolv.conf"), ""), hostNetwork);
        Files.writeString(files.resolvConf(), resolvConf(resolv, h.dns(), h.dnsSearch(), h.dnsOptions()));
    }

    /**
     * The files of a container plugged into networks, rewritten in place (they are bind-mounted) once
     * its addresses are known: /etc/hosts gains the legacy links' entries ({@code links}: lines
     * "ip\talias name") and the container's own address under its hostname; with the embedded DNS,
     * resolv.conf names 127.0.0.11 with {@code ndots:0} and keeps the host's search list, as Docker's.
     */
    static void writeNetworked(ContainerFiles files, String hostname, String ownIp, List<String> links,
            boolean embeddedDns, HostConfig h) throws IOException {
        StringBuilder hosts = new StringBuilder(hosts(DEFAULT_HOSTS, h.extraHosts()));
        links.forEach(l -> hosts.append(l).append('\n'));
        if (!ownIp.isEmpty()) {
            hosts.append(ownIp).append('\t').append(hostname).append('\n');
        }
        Files.writeString(files.hosts(), hosts.toString());
        if (embeddedDns) {
            String host = readOr(Path.of("/etc/resolv.conf"), "");
            StringBuilder resolv = new StringBuilder();
            List<String> search = h.dnsSearch().isEmpty() ? values(host, "search") : h.dnsSearch();
            if (!search.isEmpty() && !String.join(" ", search).strip().equals(".")) {
                resolv.append("search ").append(String.join(" ", search)).append('\n');
            }
            resolv.append("nameserver 127.0.0.11\n");
            List<String> options = new ArrayList<>(List.of("ndots:0"));
            options.addAll(h.dnsOptions());
            resolv.append("options ").append(String.join(" ", options)).append('\n');
            Files.writeString(files.resolvConf(), resolv.toString());
        }
    }

    /** Each "name:ip" of --add-host as "ip\tname" after the defaults (libnetwork etchosts.Build). */
    static String hosts(String base, List<String> extraHosts) {
        StringBuilder out = new StringBuilder(base);
        if (!base.isEmpty() && !base.endsWith("\n")) {
            out.append('\n');
        }
        for (String entry : extraHosts) {
            int colon = entry.indexOf(':');
            String ip = entry.substring(colon + 1);
            if (ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            out.append(ip).append('\t').append(entry, 0, colon).append('\n');
        }
        return out.toString();
    }

    /**
     * libnetwork's resolvconf.Build when any DNS option is given: what is given replaces that part of
     * {@code base} (the nameservers, the search list, the options); the rest is kept.
     */
    static String resolvConf(String base, List<String> dns, List<String> search, List<String> options) {
        if (dns.isEmpty() && search.isEmpty() && options.isEmpty()) {
            return base;
        }
        List<String> servers = dns.isEmpty() ? values(base, "nameserver") : dns;
        List<String> domains = search.isEmpty() ? values(base, "search") : search;
        List<String> opts = options.isEmpty() ? values(base, "options") : options;
        StringBuilder out = new StringBuilder();
        String searchLine = String.join(" ", domains);
        if (!domains.isEmpty() && !searchLine.strip().equals(".")) {
            out.append("search ").append(searchLine).append('\n');
        }
        servers.forEach(s -> out.append("nameserver ").append(s).append('\n'));
        if (!opts.isEmpty() && !String.join(" ", opts).isBlank()) {
            out.append("options ").append(String.join(" ", opts)).append('\n');
        }
        return out.toString();
    }

    /** The words after {@code keyword} on its lines ("search a b" → a, b). */
    private static List<String> values(String resolvConf, String keyword) {
        List<String> out = new ArrayList<>();
        resolvConf.lines().map(String::strip).filter(l -> l.startsWith(keyword + " ") || l.startsWith(keyword + "\t"))
                .forEach(l -> out.addAll(List.of(l.substring(keyword.length()).strip().split("\\s+"))));
        return out;
    }

    /**
     * The host's resolv.conf; without the host's network a loopback nameserver would point at the
     * container itself, so those lines go and Google's public servers stand in when nothing is left
     * (Docker's rule).
     */
    static String resolvConf(String host, boolean hostNetwork) {
        if (hostNetwork) {
            return host;
        }
        List<String> lines = host.lines()
                .filter(l -> !(l.startsWith("nameserver") && (l.contains("127.") || l.contains("::1"))))
                .toList();
        boolean hasServer = lines.stream().anyMatch(l -> l.startsWith("nameserver"));
        String kept = lines.stream().collect(Collectors.joining("\n", "", lines.isEmpty() ? "" : "\n"));
        return hasServer ? kept : kept + "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";
    }

    private static String readOr(Path p, String fallback) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fallback;
        }
    }
}
